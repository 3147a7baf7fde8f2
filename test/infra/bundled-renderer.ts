/**
 * What a function that renders documents and charts runs, as one entry: bundled as a function is (infra/bundle.ts)
 * by package-files.test.ts, and run where no node_modules is in reach.
 */

export { sampleReport } from '../../scripts/documents/report-samples.ts';
export { sampleDeliveryNote } from '../../scripts/documents/samples.ts';
export { renderDeliveryNote } from '../../shared/documents/delivery-note.ts';
export { chartPng } from '../../shared/reports/chart-png.ts';
export { reportChartSize } from '../../shared/reports/email.ts';
