import type { AddressInfo } from 'node:net';
import { createGateway, type Gateway } from '../proxy/gateway.js';
import { openUsageStore, type UsageStore } from '../storage/index.js';
import type { Context } from './context.js';
import type { CliIo } from './io.js';

/** How long in-flight requests may run on after Ctrl-C / SIGTERM before they are cut. */
export const SHUTDOWN_GRACE_MS = 10_000;

export interface RunningGateway {
  gateway: Gateway;
  store: UsageStore;
  address: AddressInfo;
  /** http://host:port */
  url: string;
  /** Stop accepting, finish in-flight requests (bounded), write the usage queue, close the database. */
  stop(): Promise<void>;
}

/** The gateway with its usage database, as `ekai serve`, `ekai claude` and `ekai codex` run it. */
export async function startGateway(
  context: Context,
  version: string,
  io: Pick<CliIo, 'stderr'>,
): Promise<RunningGateway> {
  const { config } = context;
  const store = await openUsageStore(config.db, {
    retentionDays: config.retentionDays,
    onError: (error) => io.stderr.write(`ekai: usage database: ${error.message}\n`),
  });
  const gateway = createGateway({ ...context, recorder: store.writer, usage: store.reader, version });
  let address: AddressInfo;
  try {
    address = await gateway.listen();
  } catch (error) {
    await store.close();
    throw error;
  }
  return {
    gateway,
    store,
    address,
    url: urlOf(address),
    async stop() {
      await gateway.close(SHUTDOWN_GRACE_MS);
      await store.close();
    },
  };
}

export function urlOf(address: Pick<AddressInfo, 'address' | 'port'>): string {
  const host = address.address.includes(':') ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}
