#!/usr/bin/env node
// CPU per translated stream of two ekai builds, in one process and without HTTP: each recorded
// upstream stream goes through the build's translation (and its usage tap) a few thousand times,
// turn by turn, and the median CPU time per stream is compared. Much less noisy than
// bench/compare.mjs for a change inside the translators. `node bench/translate-compare.mjs
// <candidate checkout> [<baseline checkout, default: this one>]`; each needs a built dist/.
// Builds from before the one translation core (wire formats spelled openai/anthropic, a tap apart
// from the translator) are read the way they worked then.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '..');
const [candidate, baseline = ROOT] = process.argv.slice(2).map((path) => resolve(path));
if (!candidate) {
  process.stderr.write('usage: node bench/translate-compare.mjs <other checkout> [<baseline checkout>]\n');
  process.exit(2);
}
const STREAMS = {
  chat: 'test/fixtures/translation/messages-client/streams/chat-parallel-tools.openrouter.stream.txt',
  messages: 'test/fixtures/fake-provider/messages-tool-use.stream.txt',
};
const PAIRS = [
  ['chat', 'messages'],
  ['messages', 'chat'],
  ['chat', 'responses'],
  ['messages', 'responses'],
];
const ITERATIONS = Number(process.env.TRANSLATE_ITERATIONS ?? 3000);
const TURNS = 5;
const OLD_NAMES = { chat: 'openai', messages: 'anthropic', responses: 'responses' };

async function load(root) {
  const module = (path) => import(pathToFileURL(join(root, 'dist', path)).href);
  const [bridges, formats, sse] = await Promise.all([
    module('proxy/bridges.js'),
    module('formats/index.js'),
    module('formats/sse.js'),
  ]);
  const current = bridges.bridgeFor('messages', 'chat') !== undefined;
  const name = (format) => (current ? format : OLD_NAMES[format]);
  return { bridges, formats, sse, name };
}

function eventsOf(sse, text) {
  const events = [];
  const parser = new sse.SseParser((event) => events.push(event));
  parser.push(text);
  parser.end();
  return events;
}

/** CPU µs per stream: translate `events` from `upstream` to `client` ITERATIONS times. */
function turn(build, upstream, client, events) {
  const bridge = build.bridges.bridgeFor(build.name(client), build.name(upstream));
  const context = { model: 'm', toolNames: new Map(), includeUsage: true };
  const started = process.cpuUsage();
  for (let i = 0; i < ITERATIONS; i++) {
    const translator = bridge.stream(context);
    // Older builds tapped usage with a parser of their own, beside the translator.
    const tap = translator.tap ?? build.formats.FORMATS[build.name(upstream)].createStreamTap();
    for (const event of events) {
      if (tap !== translator.tap) tap.onEvent(event);
      translator.push(event);
    }
    translator.finish();
    if (!tap.usage) throw new Error(`${upstream} -> ${client}: no usage`);
  }
  const used = process.cpuUsage(started);
  return (used.user + used.system) / ITERATIONS;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const builds = { baseline: await load(baseline), candidate: await load(candidate) };
process.stdout.write(`translate-compare: baseline ${baseline}\n                   candidate ${candidate}\n`);
for (const [upstream, client] of PAIRS) {
  const text = readFileSync(join(ROOT, STREAMS[upstream]), 'utf8');
  const times = { baseline: [], candidate: [] };
  for (let t = 0; t < TURNS; t++) {
    for (const which of ['baseline', 'candidate']) {
      const build = builds[which];
      times[which].push(turn(build, upstream, client, eventsOf(build.sse, text)));
    }
  }
  const [b, c] = [median(times.baseline), median(times.candidate)];
  process.stdout.write(
    `${`${upstream} -> ${client}`.padEnd(22)} baseline ${b.toFixed(1).padStart(6)} µs  candidate ${c.toFixed(1).padStart(6)} µs  ratio ${(c / b).toFixed(2)}\n`,
  );
}
