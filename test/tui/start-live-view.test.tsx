import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startLiveView } from '../../src/tui/live/start-live-view.js';
import type { UsageEvent } from '../../src/usage/event.js';
import { FakeStdout } from '../support/fake-terminal.js';
import { LIVE_INFO, NOW, usageEvent } from './fixtures.js';

process.env.TZ = 'UTC';
// Updates are wrapped in act(), which commits them before it returns.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** The recorder's side of `subscribe`: `emit` plays a finished request. */
function fakeRecorder() {
  const listeners = new Set<(event: UsageEvent) => void>();
  return {
    subscribe(listener: (event: UsageEvent) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(event: UsageEvent) {
      for (const listener of listeners) listener(event);
    },
    get listeners() {
      return listeners.size;
    },
  };
}

async function start() {
  const stdout = new FakeStdout(80);
  const recorder = fakeRecorder();
  const view = await act(async () =>
    startLiveView(
      LIVE_INFO,
      recorder.subscribe,
      { stdout: stdout as unknown as NodeJS.WriteStream },
      { flushMs: 100, pageSize: 3 },
    ),
  );
  const advance = (ms: number) => act(async () => vi.advanceTimersByTime(ms));
  return { stdout, recorder, view, advance };
}

const occurrences = (text: string, part: string) => text.split(part).length - 1;

describe('startLiveView', () => {
  beforeEach(() => {
    // The flush timer is fake; Ink settles its exit in a real setImmediate.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('prints the header at once and a request at the next flush', async () => {
    const { stdout, recorder, view, advance } = await start();
    expect(stdout.text()).toContain('proxy      http://127.0.0.1:3001');

    recorder.emit(usageEvent({ ts: NOW.getTime(), model: 'gpt-5', clientName: 'codex' }));
    await advance(99);
    expect(stdout.text()).not.toContain('gpt-5');
    await advance(1);
    expect(stdout.text()).toMatch(/14:05:00 200 {2}codex +gpt-5 /);

    await act(() => view.stop());
  });

  it('prints every request exactly once, across log pages', async () => {
    const { stdout, recorder, view, advance } = await start();
    for (let index = 0; index < 8; index++) {
      recorder.emit(usageEvent({ model: `model-${index}` }));
      // Two requests per flush: pages of three turn over mid-stream.
      if (index % 2 === 1) await advance(100);
    }
    await act(() => view.stop());
    const output = stdout.text();
    for (let index = 0; index < 8; index++)
      expect(occurrences(output, `model-${index} `), `model-${index}`).toBe(1);
    expect(occurrences(output, 'gateway listening')).toBe(1);
  });

  it('on stop shows what is still pending, leaves the totals on screen and unsubscribes', async () => {
    const { stdout, recorder, view } = await start();
    recorder.emit(usageEvent({ model: 'last-one', costUsd: 0.5 }));
    await act(() => view.stop());
    const output = stdout.text();
    expect(output).toContain('last-one');
    expect(output).toMatch(/1 request {2}in 1\.2k {2}out 350 {2}\$0\.50 {2}since start/);
    expect(recorder.listeners).toBe(0);
    await act(() => view.stop());
  });
});
