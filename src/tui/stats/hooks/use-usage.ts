import { useEffect, useRef, useState } from 'react';
import type { UsageSummary } from '../../../storage/summary.js';
import type { UsageRange } from '../types.js';

export interface UsageState {
  /** The range `summary` covers. It changes together with the data, so a label never sits over another range's numbers. */
  range: UsageRange;
  /** Undefined until the first load is done, and when it failed. */
  summary: UsageSummary | undefined;
  /** Why the last load or change check failed; the summary shown is then the previous one. */
  error: string | undefined;
}

export interface UseUsageOptions {
  range: UsageRange;
  load: (range: UsageRange) => Promise<UsageSummary>;
  /** Cheap "has the database changed since the last call?", polled every `intervalMs`. */
  changed: () => Promise<boolean>;
  /** The summary of the first `range`, loaded beforehand so that the first frame has data. */
  initial?: UsageSummary | undefined;
  intervalMs?: number;
}

type LoadResult = { range: UsageRange; summary: UsageSummary } | { range: UsageRange; error: string };

async function attempt(load: (range: UsageRange) => Promise<UsageSummary>, range: UsageRange) {
  try {
    return { range, summary: await load(range) };
  } catch (error) {
    return { range, error: messageOf(error) };
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Fold a load into the state, keeping the same object when nothing visible changed (no re-render). */
function merge(previous: UsageState, result: LoadResult): UsageState {
  if ('error' in result) {
    return previous.error === result.error ? previous : { ...previous, error: result.error };
  }
  const same =
    previous.range === result.range &&
    previous.error === undefined &&
    JSON.stringify(previous.summary) === JSON.stringify(result.summary);
  return same ? previous : { range: result.range, summary: result.summary, error: undefined };
}

/**
 * The usage summary for `range`: `initial`, or loaded at mount; loaded again whenever the range
 * changes or `changed()` reports a write. A write that leaves the summary as it was does not
 * re-render. One load or check runs at a time (a slow database is not asked again meanwhile), and
 * an answer for a range no longer shown is dropped.
 */
export function useUsage({ range, load, changed, initial, intervalMs = 500 }: UseUsageOptions): UsageState {
  const [state, setState] = useState<UsageState>({ range, summary: initial, error: undefined });
  // The latest callbacks, so that inline functions from the caller do not restart the timer.
  const sources = useRef({ load, changed });
  useEffect(() => {
    sources.current = { load, changed };
  });
  const loadedRange = useRef(initial ? range : undefined);

  useEffect(() => {
    let active = true;
    let busy = false;
    const exclusive = async (task: () => Promise<void>) => {
      if (busy) return;
      busy = true;
      try {
        await task();
      } finally {
        busy = false;
      }
    };
    const reload = async () => {
      const result = await attempt(sources.current.load, range);
      if (active) setState((previous) => merge(previous, result));
    };
    if (loadedRange.current !== range) {
      loadedRange.current = range;
      void exclusive(reload);
    }
    const timer = setInterval(() => {
      void exclusive(async () => {
        let dirty: boolean;
        try {
          dirty = await sources.current.changed();
        } catch (error) {
          const result = { range, error: messageOf(error) };
          if (active) setState((previous) => merge(previous, result));
          return;
        }
        if (dirty && active) await reload();
      });
    }, intervalMs);
    return () => {
      active = false;
      clearInterval(timer);
    };
  }, [range, intervalMs]);

  return state;
}
