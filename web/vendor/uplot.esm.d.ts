// Types for /vendor/uplot.esm.js, which the dashboard serves from node_modules/uplot/dist.
import uPlot from 'uplot';
export default uPlot;
