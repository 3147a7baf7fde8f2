import { type Sheet, xlsx } from '../documents/xlsx.ts';
import type { ReportDocument } from './document.ts';

/** The report's figures as a spreadsheet (R41): one sheet per section, its table with the numbers as numbers. */
export function reportSpreadsheet(document: ReportDocument) {
  const sheets: Sheet[] = document.sections.map((section) => ({
    name: section.heading,
    rows: [section.table.columns, ...section.table.rows],
  }));
  return {
    filename: `${document.fileName}.xlsx`,
    content: xlsx({ title: document.title, subject: document.period, sheets }),
  };
}
