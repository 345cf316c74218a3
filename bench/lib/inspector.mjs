// A minimal client of Node's inspector (a server started with --inspect=127.0.0.1:0): the soak
// uses it to force a full garbage collection before reading the live heap, so that V8's lazy
// old-space growth between collections is not mistaken for a leak.
import { readFileSync } from 'node:fs';
import { WebSocket } from 'undici';
import { sleep } from './processes.mjs';

/** Connect to the inspector whose address the process printed to its log. */
export async function connectInspector(logPath, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  let url;
  while (!url) {
    url = /Debugger listening on (ws:\/\/127\.0\.0\.1:\d+\/[\w-]+)/.exec(readFileSync(logPath, 'utf8'))?.[1];
    if (url) break;
    if (Date.now() > deadline) throw new Error(`no inspector address in ${logPath}`);
    await sleep(100);
  }
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve, { once: true });
    socket.addEventListener('error', () => reject(new Error(`cannot connect to ${url}`)), { once: true });
  });
  const pending = new Map();
  let lastId = 0;
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data));
    const settle = pending.get(message.id);
    if (!settle) return;
    pending.delete(message.id);
    if (message.error) settle.reject(new Error(message.error.message));
    else settle.resolve(message.result);
  });
  const call = (method, params = {}) =>
    new Promise((resolve, reject) => {
      const id = ++lastId;
      pending.set(id, { resolve, reject });
      socket.send(JSON.stringify({ id, method, params }));
    });
  return {
    call,
    /** Full GC, then the heap in use (MB). */
    async liveHeapMb() {
      await call('HeapProfiler.collectGarbage');
      const { usedSize } = await call('Runtime.getHeapUsage');
      return usedSize / 2 ** 20;
    },
    close: () => socket.close(),
  };
}
