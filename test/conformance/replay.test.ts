/**
 * The conformance suite: every recorded request of every real client version
 * (conformance/traces, recorded by `npm run conformance:record`) replayed through ekai to every
 * provider family in every wire format it serves, against the strict fake; checks in
 * test/support/conformance-replay.ts. A case (client version × session × path) either passes or is
 * listed, with its reason, in conformance/expected-failures.json: an unlisted failure fails here,
 * and so does a listed case that passes (the table must stay true). The last test renders the
 * matrix from these results and compares it with the committed conformance/MATRIX.md.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import expectedFailures from '../../conformance/expected-failures.json' with { type: 'json' };
import { type MatrixResult, readmeWithMatrix, renderMatrix } from '../../conformance/matrix-render.mjs';
import { replayPaths, writeReplayCatalog } from '../support/conformance-paths.js';
import { replayRequest, UNREACHABLE } from '../support/conformance-replay.js';
import { loadTraces, type Trace } from '../support/conformance-traces.js';
import type { FakeProvider } from '../support/fake-provider/index.js';
import { type TestGateway, withFakeAndGateway } from '../support/gateway.js';

interface ExpectedFailure {
  client: string;
  /** A session name, or `*`. */
  session: string;
  /** A path id (`openai-chat`), or `*`. */
  path: string;
  /** Only these versions (all when absent). */
  versions?: string[];
  reason: string;
}

const MATRIX_FILE = fileURLToPath(new URL('../../conformance/MATRIX.md', import.meta.url));
const README_FILE = fileURLToPath(new URL('../../README.md', import.meta.url));
const RESULTS_FILE = fileURLToPath(new URL('../../test-results/conformance-results.json', import.meta.url));

/** The client's own format at its own vendor: no translation. */
const NATIVE_PATH: Record<Trace['client'], string> = {
  'claude-code': 'anthropic-messages',
  codex: 'openai-responses',
};

const paths = replayPaths();
const traces = loadTraces();
const table = expectedFailures.failures as ExpectedFailure[];

function expectedFailureOf(trace: Trace, pathId: string): ExpectedFailure | undefined {
  return table.find(
    (entry) =>
      entry.client === trace.client &&
      (entry.session === '*' || entry.session === trace.session) &&
      (entry.path === '*' || entry.path === pathId) &&
      (!entry.versions || entry.versions.includes(trace.version)),
  );
}

let fake: FakeProvider;
let gateway: TestGateway;
withFakeAndGateway((started) => ({ fake, gateway } = started), { userCatalog: writeReplayCatalog(paths) });

const results: MatrixResult[] = [];
const byClientVersion = new Map<string, Trace[]>();
for (const trace of traces) {
  const key = `${trace.client}@${trace.version}`;
  byClientVersion.set(key, [...(byClientVersion.get(key) ?? []), trace]);
}

for (const [clientVersion, sessions] of byClientVersion) {
  describe(clientVersion, () => {
    for (const trace of sessions) {
      for (const path of paths) {
        it(`${trace.session} on ${path.id}`, async () => {
          let failure: string | null = null;
          let reachable = true;
          for (const [index, request] of trace.requests.entries()) {
            const reason = await replayRequest(request, { gateway, fake, path });
            if (reason === UNREACHABLE) {
              reachable = false;
              break;
            }
            if (reason) {
              failure = `request ${index + 1} (${request.method} ${request.path}): ${reason}`;
              break;
            }
          }
          const expected = expectedFailureOf(trace, path.id);
          results.push({
            client: trace.client,
            version: trace.version,
            session: trace.session,
            path: path.id,
            native: NATIVE_PATH[trace.client] === path.id,
            ok: failure === null,
            ...(failure && { failure }),
            ...(!reachable && { reachable }),
            ...(expected && { expected: expected.reason }),
          });
          if (!reachable) return; // shown as n/a: the client never takes this path
          if (expected && failure === null) {
            expect.fail(
              `listed in conformance/expected-failures.json (${expected.reason}) but passes now: remove the entry`,
            );
          }
          if (!expected) expect(failure).toBeNull();
        });
      }
    }
  });
}

describe('the matrix', () => {
  it('conformance/MATRIX.md and README.md’s table are what this replay renders (regenerate: node conformance/matrix.mjs)', () => {
    // Under a `-t` filter only some cases ran: their results must not become the matrix.
    expect(results.length, 'the matrix is rendered from the whole replay: run it without -t').toBe(
      traces.length * paths.length,
    );
    const input = { results, paths: paths.map(({ id, provider, format }) => ({ id, provider, format })) };
    mkdirSync(fileURLToPath(new URL('.', `file://${RESULTS_FILE}`)), { recursive: true });
    writeFileSync(RESULTS_FILE, `${JSON.stringify(input, null, 2)}\n`);
    const committed = existsSync(MATRIX_FILE) ? readFileSync(MATRIX_FILE, 'utf8') : '';
    expect(committed).toBe(renderMatrix(input));
    // The README shows the same table.
    const readme = readFileSync(README_FILE, 'utf8');
    expect(readme).toBe(readmeWithMatrix(readme, input));
  });
});
