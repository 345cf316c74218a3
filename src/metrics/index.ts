export { PROMETHEUS_CONTENT_TYPE, renderPrometheusText } from './exposition.js';
export { GatewayMetrics, NO_PROVIDER, OTHER_MODEL, statusClassOf } from './gateway-metrics.js';
export {
  Counter,
  gauge,
  Histogram,
  type HistogramFamily,
  type MetricFamily,
  type MetricsSnapshot,
  mergeSnapshots,
  type ScalarFamily,
} from './registry.js';
