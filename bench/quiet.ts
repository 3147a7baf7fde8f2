/**
 * Imported first by run.ts, before any module of the functions: the business metrics' lines (Embedded Metric Format on
 * stdout, one per order placed or approval decided) would bury the tables. Powertools reads this when the metrics
 * module loads.
 */
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
// The workers' INFO lines (a report sent, a month-end run) likewise: the offline stack logs at WARN, as here.
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
