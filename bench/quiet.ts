/**
 * Imported first by run.ts, before any module of the functions: the business metrics' lines (Embedded Metric Format on
 * stdout, one per order placed or approval decided) would bury the tables. Powertools reads this when the metrics
 * module loads.
 */
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
