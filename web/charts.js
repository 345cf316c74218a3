import { formatCount, formatUsd } from './format.js';
import uPlot from './vendor/uplot.esm.js';

/**
 * @typedef {import('./types').UsageSummary} UsageSummary
 * @typedef {{muted: string, grid: string, spend: string, input: string, output: string}} Theme
 * @typedef {(theme: Theme, bucketSeconds: () => number) => Pick<uPlot.Options, 'series' | 'axes'>} ChartSpec
 */

const HEIGHT = 220;
const BUCKET_SECONDS = { hour: 3600, day: 86_400 };

/** Colours come from the stylesheet, so light and dark mode are decided in one place. */
function readTheme() {
  const style = getComputedStyle(document.documentElement);
  const color = (/** @type {string} */ name) => style.getPropertyValue(name).trim();
  return {
    muted: color('--muted'),
    grid: color('--grid'),
    spend: color('--spend'),
    input: color('--input'),
    output: color('--output'),
  };
}

/**
 * A uPlot chart of the summary's time buckets that follows its container's width and the colour
 * scheme (re-created when the scheme flips, since uPlot bakes colours into its options).
 * @param {HTMLElement} element
 * @param {ChartSpec} spec
 */
function mountChart(element, spec) {
  /** @type {uPlot.AlignedData} */
  let data = [[], []];
  let bucketSeconds = BUCKET_SECONDS.hour;
  /** @type {uPlot | undefined} */
  let chart;

  const create = () => {
    chart?.destroy();
    const { series, axes } = spec(readTheme(), () => bucketSeconds);
    /** @type {uPlot.Options} */
    const options = {
      width: Math.max(200, element.clientWidth),
      height: HEIGHT,
      series,
      axes,
      // Whole bars at both ends: pad the time axis by half a bucket.
      scales: {
        x: { time: true, range: (_u, min, max) => [min - bucketSeconds / 2, max + bucketSeconds / 2] },
      },
      cursor: { drag: { x: false, y: false }, points: { show: false } },
      legend: { live: true },
    };
    chart = new uPlot(options, data, element);
  };
  new ResizeObserver(() =>
    chart?.setSize({ width: Math.max(200, element.clientWidth), height: HEIGHT }),
  ).observe(element);
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', create);
  create();
  return {
    /**
     * @param {uPlot.AlignedData} next
     * @param {'hour' | 'day'} bucket
     */
    setData(next, bucket) {
      data = next;
      bucketSeconds = BUCKET_SECONDS[bucket];
      chart?.setData(data);
    },
  };
}

/** @param {Theme} theme @returns {uPlot.Axis} */
const timeAxis = (theme) => ({
  stroke: theme.muted,
  grid: { show: false },
  ticks: { stroke: theme.grid },
  values: (_u, splits) => splits.map(tickLabel),
});

/**
 * "Nov 14" at midnight, "14:00" otherwise (uPlot puts the ticks on whole hours and days).
 * @param {number} seconds
 */
function tickLabel(seconds) {
  const date = new Date(seconds * 1000);
  if (date.getHours() === 0 && date.getMinutes() === 0) {
    return date.toLocaleDateString([], { month: 'short', day: 'numeric' });
  }
  return date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/**
 * @param {Theme} theme
 * @param {(value: number) => string} format
 * @returns {uPlot.Axis}
 */
const valueAxis = (theme, format) => ({
  stroke: theme.muted,
  grid: { stroke: theme.grid, width: 1 },
  ticks: { show: false },
  size: 64,
  values: (_u, splits) => splits.map(format),
});

/**
 * The x series. Points sit mid-bucket (so a bar covers its own stretch of time); the legend names
 * the bucket's start.
 * @param {() => number} bucketSeconds
 * @returns {uPlot.Series}
 */
const timeSeries = (bucketSeconds) => ({
  value: (_u, seconds) =>
    seconds == null
      ? '–'
      : new Date((seconds - bucketSeconds() / 2) * 1000).toLocaleString([], {
          month: 'short',
          day: 'numeric',
          hour: '2-digit',
          minute: '2-digit',
        }),
});

const bars = uPlot.paths.bars;

/** @type {ChartSpec} */
const spendSpec = (theme, bucketSeconds) => ({
  series: [
    timeSeries(bucketSeconds),
    {
      label: 'Spend',
      stroke: theme.spend,
      fill: theme.spend,
      paths: bars?.({ size: [0.7, 48], radius: 0.15 }),
      points: { show: false },
      value: (_u, value) => (value == null ? '–' : formatUsd(value)),
    },
  ],
  axes: [timeAxis(theme), valueAxis(theme, (value) => formatUsd(value))],
});

/** @type {ChartSpec} */
const tokensSpec = (theme, bucketSeconds) => ({
  series: [
    timeSeries(bucketSeconds),
    {
      label: 'Input',
      stroke: theme.input,
      fill: theme.input,
      paths: bars?.({ size: [0.38, 24], align: -1, radius: 0.15 }),
      points: { show: false },
      value: (_u, value) => (value == null ? '–' : formatCount(value)),
    },
    {
      label: 'Output',
      stroke: theme.output,
      fill: theme.output,
      paths: bars?.({ size: [0.38, 24], align: 1, radius: 0.15 }),
      points: { show: false },
      value: (_u, value) => (value == null ? '–' : formatCount(value)),
    },
  ],
  axes: [timeAxis(theme), valueAxis(theme, formatCount)],
});

/**
 * The spend and token charts, one bucket per hour for 24 h and per day for longer ranges. The
 * buckets carry uncached input only (no cache split) and the spend of requests with a known price.
 * @param {HTMLElement} spendElement
 * @param {HTMLElement} tokensElement
 */
export function createCharts(spendElement, tokensElement) {
  const spend = mountChart(spendElement, spendSpec);
  const tokens = mountChart(tokensElement, tokensSpec);
  return {
    /** @param {UsageSummary} summary */
    update(summary) {
      const half = BUCKET_SECONDS[summary.bucket] / 2;
      const times = summary.by_time.map((bucket) => Date.parse(bucket.start) / 1000 + half);
      spend.setData([times, summary.by_time.map((bucket) => bucket.cost_usd)], summary.bucket);
      tokens.setData(
        [
          times,
          summary.by_time.map((bucket) => bucket.input_tokens),
          summary.by_time.map((bucket) => bucket.output_tokens),
        ],
        summary.bucket,
      );
    },
  };
}
