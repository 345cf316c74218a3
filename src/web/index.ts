export { createDashboard, type Dashboard, type DashboardOptions, needsKey } from './dashboard.js';
export type { RequestsPage } from './requests-page.js';
export type { RequestRow } from './rows.js';
