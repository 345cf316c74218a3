import { render } from 'ink';
import type { UsageEvent } from '../../usage/event.js';
import { LiveApp } from './live-app.js';
import { LiveStore } from './live-store.js';
import type { LiveInfo } from './types.js';

export interface LiveViewIo {
  stdout: NodeJS.WritableStream & { columns?: number; isTTY?: boolean };
  stdin?: NodeJS.ReadStream;
  stderr?: NodeJS.WritableStream;
}

export interface LiveViewOptions {
  /** How long events gather before the view redraws. */
  flushMs?: number;
  /** Requests kept in memory for the log before a new page starts. */
  pageSize?: number;
  /** Told each time the usage database refuses a record (the writer's `onSetAside`). */
  watchSetAside?: (listener: (count: number) => void) => () => void;
}

export interface LiveViewHandle {
  /** Show what is pending, stop listening and unmount; the last frame (the totals) stays on screen. */
  stop(): Promise<void>;
}

/**
 * Render the live view of `ekai serve` and keep it current with `subscribe`'s events. It reads no
 * keys: Ctrl-C stays a SIGINT for the gateway's own graceful shutdown. Nothing else should write to
 * stdout until `stop()` resolves, or it lands in the middle of the frame.
 */
export function startLiveView(
  info: LiveInfo,
  subscribe: (listener: (event: UsageEvent) => void) => () => void,
  io: LiveViewIo = { stdout: process.stdout },
  options: LiveViewOptions = {},
): LiveViewHandle {
  const store = new LiveStore(options.flushMs, options.pageSize);
  const unsubscribeEvents = subscribe((event) => store.push(event));
  const unwatch = options.watchSetAside?.((count) => store.setAside(count));
  const unsubscribe = () => {
    unsubscribeEvents();
    unwatch?.();
  };
  const app = <LiveApp info={info} store={store} />;
  const instance = render(app, {
    // A terminal on this path; CliIo types it as a plain writable.
    stdout: io.stdout as NodeJS.WriteStream,
    ...(io.stdin ? { stdin: io.stdin } : {}),
    ...(io.stderr ? { stderr: io.stderr as NodeJS.WriteStream } : {}),
    exitOnCtrlC: false,
    patchConsole: false,
  });
  let stopping: Promise<void> | undefined;
  return {
    stop() {
      stopping ??= (async () => {
        unsubscribe();
        store.flush();
        store.close();
        // Commit the last batch before unmounting: a synchronous render flushes the store's update.
        instance.rerender(app);
        instance.unmount();
        await instance.waitUntilExit();
      })();
      return stopping;
    },
  };
}
