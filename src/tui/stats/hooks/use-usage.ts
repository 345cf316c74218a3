import { useEffect, useRef, useState } from 'react';
import type { UsageSummary } from '../../../storage/summary.js';
import type { UsageRange } from '../types.js';

export interface UsageState {
  /** The range `summary` covers. It changes together with the data, so a label never sits over another range's numbers. */
  range: UsageRange;
  /** Undefined only when the very first load failed. */
  summary: UsageSummary | undefined;
  /** Why the last load or change check failed; the summary shown is then the previous one. */
  error: string | undefined;
}

export interface UseUsageOptions {
  range: UsageRange;
  load: (range: UsageRange) => UsageSummary;
  /** Cheap "has the database changed since the last call?", polled every `intervalMs`. */
  changed: () => boolean;
  intervalMs?: number;
}

type LoadResult = { range: UsageRange; summary: UsageSummary } | { range: UsageRange; error: string };

function attempt(load: (range: UsageRange) => UsageSummary, range: UsageRange): LoadResult {
  try {
    return { range, summary: load(range) };
  } catch (error) {
    return { range, error: error instanceof Error ? error.message : String(error) };
  }
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
 * The usage summary for `range`, loaded at once (so the first frame has data) and again whenever
 * the range changes or `changed()` reports a write. A write that leaves the summary as it was
 * does not re-render.
 */
export function useUsage({ range, load, changed, intervalMs = 500 }: UseUsageOptions): UsageState {
  const [state, setState] = useState<UsageState>(() =>
    merge({ range, summary: undefined, error: undefined }, attempt(load, range)),
  );
  // The latest callbacks, so that inline functions from the caller do not restart the timer.
  const sources = useRef({ load, changed });
  useEffect(() => {
    sources.current = { load, changed };
  });
  const loadedRange = useRef(range);

  useEffect(() => {
    const reload = () => {
      const result = attempt(sources.current.load, range);
      setState((previous) => merge(previous, result));
    };
    if (loadedRange.current !== range) {
      loadedRange.current = range;
      reload();
    }
    const timer = setInterval(() => {
      let dirty: boolean;
      try {
        dirty = sources.current.changed();
      } catch (error) {
        const result = { range, error: error instanceof Error ? error.message : String(error) };
        setState((previous) => merge(previous, result));
        return;
      }
      if (dirty) reload();
    }, intervalMs);
    return () => clearInterval(timer);
  }, [range, intervalMs]);

  return state;
}
