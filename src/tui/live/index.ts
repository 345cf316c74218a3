export { LiveView, type LiveViewProps } from './live-view.js';
export {
  type LiveViewHandle,
  type LiveViewIo,
  type LiveViewOptions,
  startLiveView,
} from './start-live-view.js';
export { addToTotals, EMPTY_TOTALS } from './totals.js';
export type { LiveInfo } from './types.js';
