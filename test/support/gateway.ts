import type { AddressInfo } from 'node:net';
import { loadCatalog } from '../../src/config/catalog.js';
import { DEFAULT_CONFIG } from '../../src/config/defaults.js';
import { resolveProviders } from '../../src/config/providers.js';
import type { EkaiConfig } from '../../src/config/schema.js';
import { createGateway, type Gateway } from '../../src/proxy/gateway.js';
import { MemoryRecorder, type UsageEvent } from '../../src/storage/usage-event.js';
import { FAKE_KEYS, type FakeProvider, PROVIDER_NAMES, type ProviderName } from './fake-provider/index.js';

export interface TestGateway {
  url: string;
  gateway: Gateway;
  recorder: MemoryRecorder;
  /** Resolves once `count` usage events have been recorded. */
  waitForEvents(count: number): Promise<UsageEvent[]>;
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
  options: { configured?: readonly ProviderName[]; config?: Partial<EkaiConfig>; userCatalog?: string } = {},
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
  const gateway = createGateway({ config, catalog, providers, recorder, version: 'test' });
  const address: AddressInfo = await gateway.listen();
  return {
    url: `http://127.0.0.1:${address.port}`,
    gateway,
    recorder,
    waitForEvents: (count) =>
      new Promise((resolve) => {
        if (recorder.events.length >= count) return resolve(recorder.events.slice());
        const stop = recorder.onRecord(() => {
          if (recorder.events.length < count) return;
          stop();
          resolve(recorder.events.slice());
        });
      }),
    close: () => gateway.close(1000),
  };
}
