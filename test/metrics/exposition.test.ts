import { describe, expect, it } from 'vitest';
import {
  Counter,
  gauge,
  Histogram,
  type MetricsSnapshot,
  mergeSnapshots,
  renderPrometheusText,
} from '../../src/metrics/index.js';
import { parsePrometheusText, sumOf } from '../support/prometheus-text.js';

function sample(): MetricsSnapshot {
  const requests = new Counter('t_requests_total', 'Requests.\nSecond line \\ backslash.', ['model']);
  requests.inc(['gpt-4o']);
  requests.inc(['odd "quoted" \\ name\nwith a line feed'], 2);
  const latency = new Histogram('t_latency_seconds', 'Latency.', ['provider'], [0.1, 1, 10]);
  for (const value of [0.05, 0.1, 0.5, 2, 50]) latency.observe(['openai'], value);
  return {
    families: [
      requests.snapshot(),
      latency.snapshot(),
      gauge('t_in_flight', 'In flight.', [], [{ labels: [], value: 3 }]),
    ],
  };
}

describe('Prometheus text rendering', () => {
  it('escapes HELP text and label values so that a strict parser reads them back exactly', () => {
    const text = renderPrometheusText(sample());
    const families = parsePrometheusText(text);
    expect(families.get('t_requests_total')?.help).toBe('Requests.\nSecond line \\ backslash.');
    const odd = families.get('t_requests_total')?.samples[1];
    expect(odd).toEqual({
      name: 't_requests_total',
      labels: { model: 'odd "quoted" \\ name\nwith a line feed' },
      value: 2,
    });
    expect(text).toContain('t_in_flight 3\n');
  });

  it('renders histograms cumulatively, le as written, +Inf equal to _count, values on the bound in that bucket', () => {
    const families = parsePrometheusText(renderPrometheusText(sample()));
    const buckets = families
      .get('t_latency_seconds')
      ?.samples.filter((entry) => entry.name === 't_latency_seconds_bucket')
      .map((entry) => [entry.labels.le, entry.value]);
    expect(buckets).toEqual([
      ['0.1', 2],
      ['1', 3],
      ['10', 4],
      ['+Inf', 5],
    ]);
    expect(sumOf(families, 't_latency_seconds_sum', {}, 't_latency_seconds')).toBeCloseTo(52.65, 10);
  });

  it('adds snapshots up series by series (what the primary does with its workers)', () => {
    const merged = mergeSnapshots([sample(), sample(), { families: [] }]);
    const families = parsePrometheusText(renderPrometheusText(merged));
    expect(sumOf(families, 't_requests_total', { model: 'gpt-4o' })).toBe(2);
    expect(sumOf(families, 't_latency_seconds_count', {}, 't_latency_seconds')).toBe(10);
    expect(sumOf(families, 't_latency_seconds_bucket', { le: '1' }, 't_latency_seconds')).toBe(6);
    expect(sumOf(families, 't_in_flight')).toBe(6);
    // The inputs are not changed by merging.
    expect(sample().families[0]).toEqual(mergeSnapshots([sample()]).families[0]);
  });
});

describe('the test parser is strict', () => {
  const refused: Array<[string, string]> = [
    ['a bad metric name', '# TYPE 1x counter\n1x 1\n'],
    ['a TYPE after the samples', 'x 1\n# TYPE x counter\n'],
    ['a family split in two groups', '# TYPE x counter\nx{a="1"} 1\ny 2\nx{a="2"} 1\n'],
    ['a duplicate series', 'x{a="1"} 1\nx{a="1"} 2\n'],
    ['a bad escape', 'x{a="\\t"} 1\n'],
    ['an unquoted label value', 'x{a=1} 1\n'],
    ['a bad value', 'x 1,5\n'],
    ['a negative counter', '# TYPE x counter\nx -1\n'],
    ['no final line feed', 'x 1'],
    [
      'buckets that are not cumulative',
      '# TYPE h histogram\nh_bucket{le="1"} 2\nh_bucket{le="+Inf"} 1\nh_sum 1\nh_count 1\n',
    ],
    ['a histogram without +Inf', '# TYPE h histogram\nh_bucket{le="1"} 1\nh_sum 1\nh_count 1\n'],
    ['+Inf different from _count', '# TYPE h histogram\nh_bucket{le="+Inf"} 2\nh_sum 1\nh_count 1\n'],
  ];
  it.each(refused)('refuses %s', (_, text) => {
    expect(() => parsePrometheusText(text)).toThrow();
  });

  it('accepts comments, timestamps, a trailing comma and special values', () => {
    const families = parsePrometheusText('# a comment\nx{a="1",} +Inf 1700000000000\ny NaN\nz -1.5e-3\n');
    expect(sumOf(families, 'x')).toBe(Number.POSITIVE_INFINITY);
    expect(sumOf(families, 'z')).toBe(-0.0015);
  });
});
