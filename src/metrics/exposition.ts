import type { HistogramFamily, MetricsSnapshot, ScalarFamily } from './registry.js';

/** The Content-Type of Prometheus' text exposition format, version 0.0.4. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/**
 * Render a snapshot in Prometheus' text format: for each family a HELP and a TYPE line, then its
 * samples; histograms as cumulative `_bucket{le=…}` lines ending with `+Inf`, then `_sum`, `_count`.
 * https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format
 */
export function renderPrometheusText(snapshot: MetricsSnapshot): string {
  const lines: string[] = [];
  for (const family of snapshot.families) {
    lines.push(`# HELP ${family.name} ${escapeHelp(family.help)}`, `# TYPE ${family.name} ${family.type}`);
    if (family.type === 'histogram') renderHistogram(family, lines);
    else renderScalars(family, lines);
  }
  return `${lines.join('\n')}\n`;
}

function renderScalars(family: ScalarFamily, lines: string[]): void {
  for (const series of family.series) {
    lines.push(`${family.name}${labelSet(family.labelNames, series.labels)} ${formatValue(series.value)}`);
  }
}

function renderHistogram(family: HistogramFamily, lines: string[]): void {
  for (const series of family.series) {
    let cumulative = 0;
    const bounds = [...family.bounds.map(formatValue), '+Inf'];
    bounds.forEach((le, index) => {
      cumulative += series.counts[index] ?? 0;
      const labels = labelSet([...family.labelNames, 'le'], [...series.labels, le]);
      lines.push(`${family.name}_bucket${labels} ${cumulative}`);
    });
    const labels = labelSet(family.labelNames, series.labels);
    lines.push(`${family.name}_sum${labels} ${formatValue(series.sum)}`);
    lines.push(`${family.name}_count${labels} ${cumulative}`);
  }
}

function labelSet(names: readonly string[], values: readonly string[]): string {
  if (names.length === 0) return '';
  return `{${names.map((name, index) => `${name}="${escapeLabelValue(values[index] ?? '')}"`).join(',')}}`;
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  return String(value);
}

/** In HELP text only backslash and line feed are escaped. */
function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** In label values: backslash, double quote and line feed. */
function escapeLabelValue(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
