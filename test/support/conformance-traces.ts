/**
 * The recorded traces (conformance/traces/<client>@<version>/<session>.json, written by
 * `npm run conformance:record`): what a real client sent, request by request, and what the
 * recording fake answered (the script the replay gives the strict fake again).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const TRACES_FOLDER = fileURLToPath(new URL('../../conformance/traces', import.meta.url));

export type ClientName = 'claude-code' | 'codex';

export interface RecordedCall {
  name: string;
  /** Function arguments (object), or a Responses custom tool's free text. */
  input: Record<string, unknown> | string;
  /** The Responses namespace the called function was declared in (Codex's multi_agent_v1). */
  namespace?: string;
}

/** What the recording fake answered (see conformance/recorder.mjs). */
export interface RecordedAnswer {
  thinking?: string;
  text?: string;
  calls?: RecordedCall[];
  usage?: { input: number; output: number };
  compaction?: boolean;
}

export interface TraceRequest {
  method: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  body?: unknown;
  answer?: RecordedAnswer;
  status?: number;
  /** A WebSocket upgrade the recorder refused (recorded, not replayed over HTTP). */
  upgrade?: boolean;
}

export interface Trace {
  client: ClientName;
  version: string;
  session: string;
  prompt: string;
  exitCode: number | null;
  requests: TraceRequest[];
}

/** `claude-code@2.1.332` → its parts. */
export function parseClientVersion(folder: string): { client: ClientName; version: string } {
  const [client, version] = folder.split('@') as [ClientName, string];
  return { client, version };
}

/** Every trace, by client then version (numerically) then session name. */
export function loadTraces(folder = TRACES_FOLDER): Trace[] {
  const traces: Trace[] = [];
  const versions = readdirSync(folder).sort(compareClientVersions);
  for (const clientVersion of versions) {
    for (const file of readdirSync(`${folder}/${clientVersion}`).sort()) {
      if (!file.endsWith('.json')) continue;
      traces.push(JSON.parse(readFileSync(`${folder}/${clientVersion}/${file}`, 'utf8')) as Trace);
    }
  }
  return traces;
}

/** Client name, then version numerically (2.1.330 before 2.1.1000). */
export function compareClientVersions(a: string, b: string): number {
  const [clientA = '', versionA = ''] = a.split('@');
  const [clientB = '', versionB = ''] = b.split('@');
  if (clientA !== clientB) return clientA < clientB ? -1 : 1;
  const partsA = versionA.split('.').map(Number);
  const partsB = versionB.split('.').map(Number);
  for (let index = 0; index < Math.max(partsA.length, partsB.length); index++) {
    const difference = (partsA[index] ?? 0) - (partsB[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}
