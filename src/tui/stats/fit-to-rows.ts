/** How much of each variable-length section the dashboard shows. */
export interface SectionPlan {
  models: number;
  recent: number;
  chart: boolean;
}

export const MODEL_LIMIT = 8;
export const RECENT_LIMIT = 10;
/** Shrink lists to this before dropping whole sections. */
const SHORT_LIST = 3;
const CHART_HEIGHT = 8;

/**
 * Trim the dashboard to fit `rows` terminal rows. Ink clears and redraws the whole screen on every
 * update once a frame is as tall as the terminal, which flickers; a frame that fits is patched
 * in place. Recent requests give way first, then models, then the chart.
 */
export function fitToRows(options: {
  rows: number | undefined;
  /** Lines that always show: header, totals, the provider table, the footer, and their margins. */
  fixedLines: number;
  modelCount: number;
  recentCount: number;
  hasChart: boolean;
}): SectionPlan {
  const plan: SectionPlan = {
    models: Math.min(options.modelCount, MODEL_LIMIT),
    recent: Math.min(options.recentCount, RECENT_LIMIT),
    chart: options.hasChart,
  };
  const { rows } = options;
  if (rows === undefined || rows <= 0) return plan;
  const height = () =>
    options.fixedLines +
    (plan.chart ? CHART_HEIGHT : 0) +
    (plan.models > 0 ? 2 + plan.models + (plan.models < options.modelCount ? 1 : 0) : 0) +
    (plan.recent > 0 ? 3 + plan.recent : 0);
  // One spare row: Ink's cursor sits below the frame.
  while (height() > rows - 1) {
    if (plan.recent > SHORT_LIST) plan.recent--;
    else if (plan.models > SHORT_LIST) plan.models--;
    else if (plan.chart) plan.chart = false;
    else if (plan.recent > 0) plan.recent--;
    else if (plan.models > 0) plan.models--;
    else break;
  }
  return plan;
}
