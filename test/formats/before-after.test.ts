/**
 * Before/after comparison for the translation-core restructuring (issue 16: "behaviour unchanged").
 * Every upstream stream and answer fixture in test/fixtures goes through every translation that
 * reads its format, with a plain and a rich response context, whole and cut short; every request
 * fixture goes through every request translation towards several providers and models. The outputs
 * were recorded from the pairwise translators before the restructuring (test/formats/before-after/)
 * and must stay byte-identical. Random ids are numbered by first appearance and the clock is fixed.
 *
 * The request recordings were re-recorded once, for issue 17's deliberate changes (automatic cache
 * breakpoints, effort carried, today's model rules, server tools and file_id refused, structured
 * outputs), each covered by its own hand-written tests; streams and answers are still the issue-16
 * recordings. A change of a recording is a change of behaviour: make it in its own commit, saying why.
 *
 * `translate*` below are the only places that name the translation entry points: a restructuring
 * edits them (mechanically), never the recorded files.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { ResponseContext } from '../../src/formats/translation.js';
import { sseEventsOf } from '../support/sse-events.js';
import { translateRequestFor, translateResponseFor, translateStreamFor } from './before-after-entry.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const RECORDED = fileURLToPath(new URL('./before-after/', import.meta.url));

type Wire = 'chat' | 'messages' | 'responses';

/** Which client formats read an upstream format through a translation. */
const CLIENTS_OF: Record<'chat' | 'messages', Wire[]> = {
  chat: ['messages', 'responses'],
  messages: ['chat', 'responses'],
};

// The cases are computed while the file is collected: the clock is fixed from the start.
vi.useFakeTimers({ toFake: ['Date'] });
vi.setSystemTime(new Date(1_750_000_000_000));
afterAll(() => {
  vi.useRealTimers();
});

function files(dir: string, pattern: RegExp): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...files(path, pattern));
    else if (pattern.test(name)) out.push(path);
  }
  return out;
}

/** The upstream format a stream fixture is written in, or undefined (Responses, or not a stream). */
function streamFormat(text: string): 'chat' | 'messages' | undefined {
  if (/message_start/.test(text)) return 'messages';
  if (/"choices"|chat\.completion\.chunk|"error"/.test(text) && /^data:/m.test(text)) return 'chat';
  return undefined;
}

/** Generated ids (24 hex digits after a known prefix) become placeholders by first appearance. */
function normalized(text: string): string {
  const seen = new Map<string, string>();
  return text.replace(/\b(msg|rs|fc|ctc|call|resp|toolu|chatcmpl)_[0-9a-f]{24}\b/g, (id, prefix: string) => {
    let placeholder = seen.get(id);
    if (placeholder === undefined) {
      placeholder = `<${prefix}_${seen.size + 1}>`;
      seen.set(id, placeholder);
    }
    return placeholder;
  });
}

/** Tool names in a fixture, for a rich context that exercises renames, JSON tools and custom tools. */
function toolNamesIn(text: string): string[] {
  return [
    ...new Set(
      [...text.matchAll(/\\?"name\\?"\s*:\s*\\?"([A-Za-z0-9_.-]+)\\?"/g)].map((m) => m[1] as string),
    ),
  ];
}

function contexts(text: string, client: Wire): Array<[string, ResponseContext]> {
  const names = toolNamesIn(text);
  const plain: ResponseContext = { model: 'client-model', toolNames: new Map() };
  const rich: ResponseContext = {
    model: 'client-model',
    toolNames: new Map(names.map((name) => [name, `client_${name}`])),
    includeUsage: true,
    ...(client !== 'messages' && names[0] !== undefined && { jsonTool: names[0] }),
    ...(client === 'responses' &&
      names.length > 0 && { customTools: names.slice(-1).map((n) => `client_${n}`) }),
  };
  return [
    ['plain', plain],
    ['rich', rich],
  ];
}

describe('translated streams are byte-identical to the recording', () => {
  const cases: Record<string, string> = {};
  for (const path of files(FIXTURES, /\.txt$/)) {
    const text = readFileSync(path, 'utf8');
    const upstream = streamFormat(text);
    if (!upstream) continue;
    const events = sseEventsOf(text);
    for (const client of CLIENTS_OF[upstream]) {
      for (const [label, context] of contexts(text, client)) {
        const name = `${relative(FIXTURES, path)} | ${upstream} -> ${client} | ${label}`;
        const whole = translateStreamFor(upstream, client, context);
        let out = '';
        for (const event of events) out += whole.push(event);
        out += whole.finish();
        cases[`${name} | whole`] = normalized(out);
        const cut = translateStreamFor(upstream, client, context);
        let partial = '';
        for (const event of events.slice(0, Math.ceil(events.length / 2))) partial += cut.push(event);
        partial += cut.fail?.({ kind: 'bad_gateway', message: 'upstream stream ended early' }) ?? '';
        cases[`${name} | cut`] = normalized(partial);
      }
    }
  }

  it('covers the fixtures', () => {
    expect(Object.keys(cases).length).toBeGreaterThan(200);
  });

  it.each(['messages', 'chat', 'responses'] as const)('client %s', async (client) => {
    const mine = Object.fromEntries(
      Object.entries(cases).filter(([name]) => name.includes(`-> ${client} |`)),
    );
    await expect(`${JSON.stringify(mine, null, 1)}\n`).toMatchFileSnapshot(
      join(RECORDED, `streams-to-${client}.json`),
    );
  });
});

describe('translated answers are byte-identical to the recording', () => {
  const cases: Record<string, string> = {};
  for (const path of files(FIXTURES, /\.json$/)) {
    let body: unknown;
    try {
      body = JSON.parse(readFileSync(path, 'utf8'));
    } catch {
      continue;
    }
    const record = body as Record<string, unknown>;
    const upstream =
      record?.object === 'chat.completion' ? 'chat' : record?.type === 'message' ? 'messages' : undefined;
    if (!upstream) continue;
    for (const client of CLIENTS_OF[upstream]) {
      for (const [label, context] of contexts(JSON.stringify(body), client)) {
        const name = `${relative(FIXTURES, path)} | ${upstream} -> ${client} | ${label}`;
        let out: string;
        try {
          out = JSON.stringify(translateResponseFor(upstream, client, body, context));
        } catch (error) {
          out = `throws: ${(error as Error).message}`;
        }
        cases[name] = normalized(out);
      }
    }
  }

  it('covers the fixtures', () => {
    expect(Object.keys(cases).length).toBeGreaterThan(20);
  });

  it('matches', async () => {
    await expect(`${JSON.stringify(cases, null, 1)}\n`).toMatchFileSnapshot(join(RECORDED, 'answers.json'));
  });
});

/** Upstream offers a request fixture is translated for: provider, upstream format, model, max output. */
const TARGETS: Record<Wire, Array<[string, 'chat' | 'messages', string, number | undefined]>> = {
  chat: [
    ['anthropic', 'messages', 'claude-sonnet-4', 64000],
    ['anthropic', 'messages', 'claude-sonnet-4-5', 64000],
    ['anthropic', 'messages', 'claude-opus-4-7', 128000],
    ['zai', 'messages', 'glm-4.6', undefined],
  ],
  messages: [
    ['openai', 'chat', 'gpt-4o', 16384],
    ['openai', 'chat', 'gpt-5', 128000],
    ['xai', 'chat', 'grok-4', undefined],
    ['openrouter', 'chat', 'openai/gpt-5', 128000],
  ],
  responses: [
    ['openai', 'chat', 'gpt-5-codex', 128000],
    ['xai', 'chat', 'grok-4', 32000],
    ['openrouter', 'chat', 'x-ai/grok-4', undefined],
    ['anthropic', 'messages', 'claude-sonnet-4', 64000],
    ['anthropic', 'messages', 'claude-opus-4-7', 128000],
    ['zai', 'messages', 'glm-4.6', undefined],
  ],
};

/** Request bodies in a fixture file: objects with a model and a conversation, outside expectations. */
function requestBodies(value: unknown, client: Wire, dir: string, out: Record<string, unknown>[] = []) {
  if (Array.isArray(value)) {
    for (const entry of value) requestBodies(entry, client, dir, out);
    return out;
  }
  if (typeof value !== 'object' || value === null) return out;
  const record = value as Record<string, unknown>;
  if (typeof record.requestFile === 'string') {
    out.push(JSON.parse(readFileSync(join(dir, record.requestFile), 'utf8')) as Record<string, unknown>);
  }
  const conversation = client === 'responses' ? 'input' in record : Array.isArray(record.messages);
  if (typeof record.model === 'string' && conversation) {
    out.push(record);
    return out;
  }
  for (const [key, entry] of Object.entries(record)) {
    if (!/^expected/.test(key)) requestBodies(entry, client, dir, out);
  }
  return out;
}

describe('translated requests are byte-identical to the recording', () => {
  const cases: Record<string, string> = {};
  for (const client of ['chat', 'messages', 'responses'] as const) {
    const dir = join(FIXTURES, `translation/${client}-client/requests`);
    for (const path of files(dir, /\.json$/)) {
      const bodies = requestBodies(JSON.parse(readFileSync(path, 'utf8')), client, dir);
      bodies.forEach((body, index) => {
        for (const [provider, upstream, model, maxOutput] of TARGETS[client]) {
          const name = `${relative(FIXTURES, path)} #${index} | ${client} -> ${provider} ${upstream} ${model}`;
          let out: string;
          try {
            out = JSON.stringify(translateRequestFor(client, upstream, provider, model, maxOutput, body));
          } catch (error) {
            out = `throws ${(error as Error).name}: ${(error as Error).message}`;
          }
          cases[name] = normalized(out);
        }
      });
    }
  }

  it('covers the fixtures', () => {
    expect(Object.keys(cases).length).toBeGreaterThan(200);
  });

  it.each(['chat', 'messages', 'responses'] as const)('client %s', async (client) => {
    const mine = Object.fromEntries(
      Object.entries(cases).filter(([name]) => name.includes(`| ${client} ->`)),
    );
    await expect(`${JSON.stringify(mine, null, 1)}\n`).toMatchFileSnapshot(
      join(RECORDED, `requests-from-${client}.json`),
    );
  });
});
