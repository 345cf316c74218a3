import { stripVTControlCharacters } from 'node:util';
import { renderToString } from 'ink';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { logLine } from '../../src/cli/commands/log-line.js';
import { returnableResponseHeaders } from '../../src/proxy/headers.js';
import { LiveView } from '../../src/tui/live/live-view.js';
import { addToTotals, EMPTY_TOTALS } from '../../src/tui/live/totals.js';
import { StatsView } from '../../src/tui/stats/stats-view.js';
import { type FakeProvider, startFakeProvider } from '../support/fake-provider/index.js';
import { startGateway, type TestGateway } from '../support/gateway.js';
import { LAST_7_DAYS, LIVE_INFO, oneProviderSummary, usageEvent } from '../tui/fixtures.js';

process.env.TZ = 'UTC';

const ORIGIN = 'http://localhost:5173';
let fake: FakeProvider;
let gateway: TestGateway;

beforeAll(async () => {
  fake = await startFakeProvider();
  gateway = await startGateway(fake, { db: ':memory:', config: { allowedOrigins: [ORIGIN] } });
});
afterAll(async () => {
  await gateway.close();
  await fake.close();
});
beforeEach(() => fake.reset());

function chat(model: string, headers: Record<string, string> = {}) {
  return fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }),
  });
}

/** RFC 4180 fields of one CSV text (quoted fields may hold commas, quotes and newlines). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  return rows;
}

describe('W3: CSV export neutralises formulas', () => {
  it('prefixes client-supplied cells starting with = + - @ with a quote, inside CSV quoting', async () => {
    const tag = `=cmd|' /C calc'!A0`;
    expect((await chat('gpt-4o', { 'x-ekai-tag': tag, 'user-agent': '@SUM(1+1)' })).status).toBe(200);
    // A name no catalog knows: some provider's match pattern may still take it; either way it is recorded.
    await (await chat('+HYPERLINK("http://evil")', { 'x-ekai-tag': '-2+3', 'user-agent': 'x' })).text();
    await gateway.store?.writer.flush();
    const response = await fetch(`${gateway.url}/usage?format=csv`);
    const text = await response.text();
    const [header, ...rows] = parseCsv(text);
    const column = (name: string) => (header as string[]).indexOf(name);
    const cells = rows.flatMap((row) =>
      ['tag', 'client_name', 'requested_model', 'model'].map((name) => row[column(name)] ?? ''),
    );
    expect(cells).toContain(`'${tag}`);
    expect(cells).toContain(`'@sum(1+1)`);
    expect(cells).toContain(`'+HYPERLINK("http://evil")`);
    expect(cells).toContain(`'-2+3`);
    for (const cell of cells) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);
    // The raw text quotes every neutralised cell.
    expect(text).toContain(`"'${tag}"`);
    // Numbers stay numbers.
    const status = rows.map((row) => row[column('status')]);
    expect(status).toContain('200');
  });
});

describe('W4: nothing printed to a terminal carries control characters', () => {
  const hostileModel = 'gpt\u001b]0;pwned\u0007\u001b[2J\r\n12:00:00 200 chat forged\u009b31m\u007f';
  const hostileError = 'upstream said \u001b[31mred\u001b[0m\nFORGED LINE';

  // biome-ignore lint/suspicious/noControlCharactersInRegex: these tests look for control characters
  const ANY_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these tests look for control characters
  const ESC_NOT_COLOUR = /\u001b(?!\[[0-9;]*m)/;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these tests look for control characters
  const CONTROL_BUT_NEWLINE_OR_ESC = /[\u0000-\u0009\u000b-\u001a\u001c-\u001f\u007f-\u009f]/;

  /** What a hostile field leaves on screen: only Ink's own colour codes may remain. */
  function expectClean(output: string) {
    expect(output).not.toMatch(ESC_NOT_COLOUR);
    expect(output).not.toMatch(CONTROL_BUT_NEWLINE_OR_ESC);
    for (const line of stripVTControlCharacters(output).split('\n')) {
      expect(line, line).not.toMatch(/^(12:00:00|FORGED)/);
    }
  }

  it('log lines are one line each, without escapes', () => {
    const line = logLine(
      usageEvent({
        requestedModel: hostileModel,
        provider: null,
        outcome: 'error',
        status: 502,
        errorMessage: hostileError,
        tag: '\u001b[1mtag',
      }),
    );
    expect(line).not.toMatch(ANY_CONTROL);
    expect(line).toContain('12:00:00 200 chat forged');
  });

  it('the live view of ekai serve shows hostile models, clients and errors inertly', () => {
    const events = [
      usageEvent({ model: hostileModel, clientName: 'cli\u001b[5m' }),
      usageEvent({ outcome: 'error', status: 502, errorMessage: hostileError, model: hostileModel }),
    ];
    const totals = events.reduce(addToTotals, EMPTY_TOTALS);
    const output = renderToString(
      <LiveView info={LIVE_INFO} events={events} totals={totals} columns={140} />,
      {
        columns: 140,
      },
    );
    expectClean(output);
  });

  it('ekai stats shows hostile model and client names inertly', () => {
    const summary = oneProviderSummary();
    summary.by_model = summary.by_model.map((row) => ({ ...row, model: hostileModel }));
    summary.recent = summary.recent.map((row) => ({
      ...row,
      model: hostileModel,
      client_name: '\u001b[8mcli',
    }));
    const output = renderToString(<StatsView summary={summary} range={LAST_7_DAYS} columns={140} />, {
      columns: 140,
    });
    expectClean(output);
  });
});

describe('provider CORS headers are never relayed', () => {
  it('returnableResponseHeaders drops access-control-*', () => {
    const headers = returnableResponseHeaders(
      {
        'access-control-allow-origin': '*',
        'access-control-allow-credentials': 'true',
        'access-control-expose-headers': 'x-secret',
        'x-request-id': 'req_1',
      },
      { keepLength: true },
    );
    expect(headers).toEqual({ 'x-request-id': 'req_1' });
  });

  it("a provider's wildcard never reaches the client; a listed origin gets the gateway's own", async () => {
    const fault = {
      status: 400,
      headers: { 'access-control-allow-origin': '*', 'access-control-allow-credentials': 'true' },
    };
    fake.inject(fault, { provider: 'openai' });
    const plain = await chat('gpt-4o');
    expect(plain.status).toBe(400);
    expect(plain.headers.get('access-control-allow-origin')).toBeNull();
    expect(plain.headers.get('access-control-allow-credentials')).toBeNull();

    fake.inject(fault, { provider: 'openai' });
    const listed = await chat('gpt-4o', { origin: ORIGIN });
    expect(listed.status).toBe(400);
    expect(listed.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(listed.headers.get('access-control-allow-credentials')).toBeNull();
  });
});
