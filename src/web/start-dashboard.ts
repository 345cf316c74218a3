import type { AddressInfo } from 'node:net';
import { createDashboard, type Dashboard, type DashboardOptions } from './dashboard.js';

export interface RunningDashboard {
  /** http://host:port */
  url: string;
  close(): Promise<void>;
}

/**
 * The dashboard as `ekai serve` runs it. Port 3000 is often taken (dev servers like it too), and an
 * install can be broken: then `warn` is told why and this resolves to undefined, because the
 * gateway is the main job and runs on without its dashboard.
 */
export async function startDashboard(
  options: DashboardOptions,
  warn: (line: string) => void,
): Promise<RunningDashboard | undefined> {
  let dashboard: Dashboard | undefined;
  try {
    const started = createDashboard(options);
    dashboard = started;
    return { url: urlOf(await started.listen()), close: () => started.close() };
  } catch (error) {
    await dashboard?.close();
    const reason = error instanceof Error ? error.message : String(error);
    warn(
      `ekai: web dashboard not started: ${reason} (pick another port with --dashboard-port, or --no-dashboard)\n`,
    );
    return undefined;
  }
}

function urlOf({ address, port }: AddressInfo): string {
  return `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
}
