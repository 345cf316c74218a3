/**
 * What `ekai serve` and the cluster primary both need. Kept apart from the serve command so that
 * `cluster/primary.ts` (which the command loads) does not import the command back.
 */
export interface ServeOptions {
  version: string;
  /** Gateway processes (node:cluster); 1 runs the gateway in this process. */
  workers: number;
  /** ekai's own arguments, which the workers are started with. */
  argv: readonly string[];
}

/** Resolves on the first SIGINT or SIGTERM. */
export function stopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
