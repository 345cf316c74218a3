import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { loadCatalog } from '../../src/config/catalog.js';
import { DEFAULT_CONFIG } from '../../src/config/defaults.js';
import { resolveProviders } from '../../src/config/providers.js';
import type { EkaiConfig } from '../../src/config/schema.js';
import { createGateway, type Gateway } from '../../src/proxy/gateway.js';
import { openUsageStore, type UsageStore } from '../../src/storage/index.js';
import type { UsageEvent, UsageRecorder } from '../../src/usage/event.js';
import {
  FAKE_KEYS,
  type FakeProvider,
  PROVIDER_NAMES,
  type ProviderName,
  startFakeProvider,
} from './fake-provider/index.js';
import { MemoryRecorder } from './memory-recorder.js';

export interface TestGateway {
  url: string;
  gateway: Gateway;
  /** Every event, in memory (also written to `store` when the gateway has one). */
  recorder: MemoryRecorder;
  store?: UsageStore;
  /**
   * Resolves with every event once `count` events IN ALL (since the gateway started) have been
   * recorded: pass `before + n`, with `before` read before the request. For the event(s) of a request
   * about to be made, `nextEvents` is simpler.
   */
  waitForEvents(count: number): Promise<UsageEvent[]>;
  /**
   * Call BEFORE making the request(s): resolves with the next `count` (default 1) events recorded
   * after this call, in order.
   *   const recorded = gateway.nextEvents();
   *   await fetch(...);
   *   const [event] = await recorded;
   */
  nextEvents(count?: number): Promise<UsageEvent[]>;
  close(): Promise<void>;
}

/** Every provider pointed at the fake, with the fake's keys; `configured` limits which get a key. */
export function providersFor(fake: FakeProvider, configured: readonly ProviderName[] = PROVIDER_NAMES) {
  return Object.fromEntries(
    PROVIDER_NAMES.map((name) => [
      name,
      configured.includes(name)
        ? { apiKey: FAKE_KEYS[name], baseUrl: fake.baseUrl(name) }
        : { baseUrl: fake.baseUrl(name) },
    ]),
  );
}

/** A gateway on an ephemeral loopback port, talking to the fake provider. */
export async function startGateway(
  fake: FakeProvider,
  options: {
    configured?: readonly ProviderName[];
    config?: Partial<EkaiConfig>;
    userCatalog?: string;
    /** Record into a real usage store (a SQLite path, ':memory:' or a postgres:// URL) and serve /usage from it. */
    db?: string;
  } = {},
): Promise<TestGateway> {
  const config: EkaiConfig = {
    ...DEFAULT_CONFIG,
    port: 0,
    providers: providersFor(fake, options.configured),
    ...options.config,
  };
  const catalog = loadCatalog(options.userCatalog ? { userCatalog: options.userCatalog } : {});
  // An empty environment: keys come only from the config above, never from the machine running the tests.
  const providers = resolveProviders(catalog, config, {});
  const recorder = new MemoryRecorder();
  const store = options.db === undefined ? undefined : await openUsageStore(options.db);
  const both: UsageRecorder = {
    record: (event) => {
      recorder.record(event);
      store?.writer.record(event);
    },
    flush: async () => store?.writer.flush(),
  };
  const gateway = createGateway({
    config,
    catalog,
    providers,
    recorder: both,
    version: 'test',
    ...(store && { usage: store.reader }),
  });
  const address: AddressInfo = await gateway.listen();
  const waitForEvents = (count: number) =>
    new Promise<UsageEvent[]>((resolve) => {
      if (recorder.events.length >= count) return resolve(recorder.events.slice());
      const stop = recorder.onRecord(() => {
        if (recorder.events.length < count) return;
        stop();
        resolve(recorder.events.slice());
      });
    });
  return {
    url: `http://127.0.0.1:${address.port}`,
    gateway,
    recorder,
    ...(store && { store }),
    waitForEvents,
    nextEvents: (count = 1) => {
      const before = recorder.events.length;
      return waitForEvents(before + count).then((events) => events.slice(before, before + count));
    },
    close: async () => {
      await gateway.close(1000);
      await store?.close();
    },
  };
}

/**
 * The usual setup of a test file: one strict fake and one gateway on it for the whole file, the
 * fake's faults and records reset before each test. `use` receives both once they run:
 *   let fake: FakeProvider; let gateway: TestGateway;
 *   withFakeAndGateway((started) => ({ fake, gateway } = started));
 */
export function withFakeAndGateway(
  use: (started: { fake: FakeProvider; gateway: TestGateway }) => void,
  options?: Parameters<typeof startGateway>[1],
): void {
  let fake: FakeProvider | undefined;
  let gateway: TestGateway | undefined;
  beforeAll(async () => {
    fake = await startFakeProvider();
    gateway = await startGateway(fake, options);
    use({ fake, gateway });
  });
  afterAll(async () => {
    await gateway?.close();
    await fake?.close();
  });
  beforeEach(() => fake?.reset());
}
