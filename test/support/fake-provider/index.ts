/** The fake provider's public face: start it, point the gateway at `fake.baseUrl(name)`. */

export { authHeaders, dialectPath, postJson, type RawResponse, rawPost, rawRequest } from './client.js';
export { normalizeJson, normalizeWire } from './normalize.js';
export { FAKE_KEYS, PROVIDER_NAMES } from './providers.js';
export { DEFAULT_THINKING, DEFAULT_TOOL_NAME, estimateInputTokens, scenarioFromText } from './scenarios.js';
export { startFakeProvider } from './server.js';
export { type ParsedEvent, parseSse } from './sse.js';
export type {
  Dialect,
  FakeProvider,
  Fault,
  Outcome,
  ProviderName,
  QueueOptions,
  RecordedRequest,
  Scenario,
  ScriptedToolCall,
  StartOptions,
  StopReason,
} from './types.js';
