export type { RequestRow, RequestsPage } from './api-types.js';
export { createDashboard, type Dashboard, type DashboardOptions, needsKey } from './dashboard.js';
export { type RunningDashboard, startDashboard } from './start-dashboard.js';
