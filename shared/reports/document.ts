/**
 * A report as it is presented (R41): what the figures of a period say, in sections, each a table and optionally a
 * chart. Built from the figures by the report's composer, rendered by the presentation (an HTML e-mail with charts
 * drawn on the server, a spreadsheet attachment). Pure data: no I/O, no formatting of the numbers' meaning.
 */
export type ReportCell = string | number;

export type ReportTable = {
  columns: readonly string[];
  rows: readonly (readonly ReportCell[])[];
};

/** A chart of one or more series over the same categories (days, customers, regions…). */
export type ReportChart = {
  kind: 'bar' | 'line';
  title: string;
  categories: readonly string[];
  series: readonly { name: string; values: readonly number[] }[];
  /** What the values count, shown on the axis: "orders", "CNY", "%". */
  unit?: string;
};

export type ReportSection = {
  heading: string;
  /** Sentences before the table: what stands out, the comparison with the period before. */
  notes?: readonly string[];
  table: ReportTable;
  chart?: ReportChart;
};

export type ReportDocument = {
  /** The e-mail's subject and the page's title, e.g. "Daily report 2026-11-30". */
  title: string;
  /** The period in words, e.g. "Monday 30 November 2026" or "November 2026 compared with October 2026". */
  period: string;
  language: 'zh-CN' | 'en';
  sections: readonly ReportSection[];
  /** The attachment's file name without extension, e.g. "daily-report-2026-11-30". */
  fileName: string;
};
