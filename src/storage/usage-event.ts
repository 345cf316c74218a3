/**
 * The usage event types live in src/usage/event.ts (a module proxy and storage both depend on).
 * This re-export only keeps the importers outside storage's owners (src/tui, src/proxy/redact.ts)
 * compiling until their imports point there; new code imports from src/usage/event.ts.
 */
export type { Attempt, Outcome, UsageEvent, UsageRecorder } from '../usage/event.js';
