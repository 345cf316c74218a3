/**
 * Counters and histograms with labels, kept as plain numbers and read out as plain data: a snapshot
 * is JSON, so that worker processes can send theirs to the primary to be added up (`mergeSnapshots`)
 * before one of them renders the sum as Prometheus text.
 */
export interface ScalarFamily {
  name: string;
  help: string;
  type: 'counter' | 'gauge';
  labelNames: string[];
  series: Array<{ labels: string[]; value: number }>;
}

export interface HistogramFamily {
  name: string;
  help: string;
  type: 'histogram';
  labelNames: string[];
  /** Upper bounds in ascending order; the +Inf bucket is implied. */
  bounds: number[];
  /** `counts[i]`: observations in bucket i alone (not cumulative); the last one is above every bound. */
  series: Array<{ labels: string[]; counts: number[]; sum: number }>;
}

export type MetricFamily = ScalarFamily | HistogramFamily;

export interface MetricsSnapshot {
  families: MetricFamily[];
}

/** A gauge's value now, for families read at scrape time. */
export function gauge(
  name: string,
  help: string,
  labelNames: string[],
  series: ScalarFamily['series'],
): ScalarFamily {
  return { name, help, type: 'gauge', labelNames, series };
}

/** Label values joined with a character that cannot appear in them unnoticed: one series per key. */
const keyOf = (labels: readonly string[]) => labels.join('\u0000');

export class Counter {
  private readonly series = new Map<string, { labels: string[]; value: number }>();

  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[],
  ) {}

  inc(labels: readonly string[], by = 1): void {
    const key = keyOf(labels);
    const entry = this.series.get(key);
    if (entry) entry.value += by;
    else this.series.set(key, { labels: [...labels], value: by });
  }

  snapshot(): ScalarFamily {
    return {
      name: this.name,
      help: this.help,
      type: 'counter',
      labelNames: [...this.labelNames],
      series: [...this.series.values()].map(({ labels, value }) => ({ labels: [...labels], value })),
    };
  }
}

export class Histogram {
  private readonly series = new Map<string, { labels: string[]; counts: number[]; sum: number }>();

  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[],
    readonly bounds: readonly number[],
  ) {}

  observe(labels: readonly string[], value: number): void {
    const key = keyOf(labels);
    let entry = this.series.get(key);
    if (!entry) {
      entry = { labels: [...labels], counts: new Array(this.bounds.length + 1).fill(0), sum: 0 };
      this.series.set(key, entry);
    }
    const found = this.bounds.findIndex((bound) => value <= bound);
    const bucket = found === -1 ? this.bounds.length : found;
    entry.counts[bucket] = (entry.counts[bucket] ?? 0) + 1;
    entry.sum += value;
  }

  snapshot(): HistogramFamily {
    return {
      name: this.name,
      help: this.help,
      type: 'histogram',
      labelNames: [...this.labelNames],
      bounds: [...this.bounds],
      series: [...this.series.values()].map(({ labels, counts, sum }) => ({
        labels: [...labels],
        counts: [...counts],
        sum,
      })),
    };
  }
}

/**
 * Add snapshots up, series by series: counters, histograms and gauges alike are sums (a gauge of
 * in-flight requests over several processes is the sum of theirs). Families keep the order in
 * which they first appear.
 */
export function mergeSnapshots(snapshots: readonly MetricsSnapshot[]): MetricsSnapshot {
  const families = new Map<string, MetricFamily>();
  for (const snapshot of snapshots) {
    for (const family of snapshot.families) {
      const merged = families.get(family.name);
      if (!merged) families.set(family.name, structuredClone(family));
      else if (merged.type === 'histogram' && family.type === 'histogram') addHistograms(merged, family);
      else if (merged.type !== 'histogram' && family.type !== 'histogram') addScalars(merged, family);
    }
  }
  return { families: [...families.values()] };
}

function addScalars(into: ScalarFamily, from: ScalarFamily): void {
  const byKey = new Map(into.series.map((series) => [keyOf(series.labels), series]));
  for (const series of from.series) {
    const existing = byKey.get(keyOf(series.labels));
    if (existing) existing.value += series.value;
    else into.series.push({ labels: [...series.labels], value: series.value });
  }
}

function addHistograms(into: HistogramFamily, from: HistogramFamily): void {
  // Same name, same bounds: every process runs the same code. Anything else is not addable.
  if (keyOf(into.bounds.map(String)) !== keyOf(from.bounds.map(String))) return;
  const byKey = new Map(into.series.map((series) => [keyOf(series.labels), series]));
  for (const series of from.series) {
    const existing = byKey.get(keyOf(series.labels));
    if (!existing) {
      into.series.push({ labels: [...series.labels], counts: [...series.counts], sum: series.sum });
      continue;
    }
    series.counts.forEach((count, index) => {
      existing.counts[index] = (existing.counts[index] ?? 0) + count;
    });
    existing.sum += series.sum;
  }
}
