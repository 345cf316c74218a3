import { useStdout } from 'ink';
import { useEffect, useState } from 'react';

export interface TerminalSize {
  columns: number;
  /** Unknown when the output is not a terminal. */
  rows: number | undefined;
}

/** The output's size, updated when the terminal is resized. */
export function useTerminalSize(fallbackColumns = 80): TerminalSize {
  const { stdout } = useStdout();
  const [size, setSize] = useState<TerminalSize>(() => measure(stdout, fallbackColumns));
  useEffect(() => {
    const onResize = () => {
      const next = measure(stdout, fallbackColumns);
      setSize((previous) =>
        previous.columns === next.columns && previous.rows === next.rows ? previous : next,
      );
    };
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, fallbackColumns]);
  return size;
}

function measure(stdout: NodeJS.WriteStream, fallbackColumns: number): TerminalSize {
  return { columns: stdout.columns || fallbackColumns, rows: stdout.rows || undefined };
}
