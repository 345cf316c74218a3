import { EventEmitter } from 'node:events';
import { stripVTControlCharacters } from 'node:util';

/** A terminal for Ink to draw on: a TTY of fixed width that keeps everything written to it. */
export class FakeStdout extends EventEmitter {
  readonly isTTY = true;
  columns: number;
  rows: number | undefined;
  written = '';
  /** Each write; with Ink's `debug: true` every write is a whole frame. */
  readonly frames: string[] = [];

  constructor(columns = 80, rows?: number) {
    super();
    this.columns = columns;
    this.rows = rows;
  }

  write = (chunk: string | Uint8Array): boolean => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
    this.written += text;
    this.frames.push(text);
    return true;
  };

  lastFrame(): string {
    return stripVTControlCharacters(this.frames.at(-1) ?? '');
  }

  /** Everything written, without colours and cursor movement. */
  text(): string {
    return stripVTControlCharacters(this.written);
  }
}

/** A keyboard: `press('q')` delivers a key the way a raw-mode TTY does. */
export class FakeStdin extends EventEmitter {
  readonly isTTY = true;
  private pending: string | null = null;

  press(key: string): void {
    this.pending = key;
    this.emit('readable');
    this.emit('data', key);
  }

  read = (): string | null => {
    const key = this.pending;
    this.pending = null;
    return key;
  };

  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

/** The two as the stream types Ink's `render` options ask for. */
export function fakeTerminal(columns = 80, rows?: number) {
  const stdout = new FakeStdout(columns, rows);
  const stdin = new FakeStdin();
  return {
    stdout,
    stdin,
    streams: {
      stdout: stdout as unknown as NodeJS.WriteStream,
      stdin: stdin as unknown as NodeJS.ReadStream,
    },
  };
}
