import { describe, expect, it } from 'vitest';
import { sampleReport } from '../../scripts/documents/report-samples.ts';
import { columnName, sheetNames, xlsx } from '../../shared/documents/xlsx.ts';
import { zip } from '../../shared/documents/zip.ts';
import { reportSpreadsheet } from '../../shared/reports/spreadsheet.ts';
import { unzip } from '../file-formats.ts';

/** R41: a report's tables travel with its e-mail as a spreadsheet, one sheet per section. */
const xmlDecoded = (xml: string) =>
  xml
    .replace(/&#(\d+);/g, (_, code) => String.fromCharCode(Number(code)))
    .replace(/&(amp|lt|gt|quot);/g, (_, name) => ({ amp: '&', lt: '<', gt: '>', quot: '"' })[name as 'amp']);

/** The cells of a worksheet as a spreadsheet program reads them: numbers as numbers, inline strings as text. */
function cells(sheetXml: string) {
  const rows: (string | number)[][] = [];
  for (const [, r, body = ''] of sheetXml.matchAll(/<row r="(\d+)">(.*?)<\/row>/g)) {
    const row: (string | number)[] = [];
    for (const [, ref = '', attributes = '', content = ''] of body.matchAll(/<c r="([A-Z]+)\d+"([^>]*)>(.*?)<\/c>/g)) {
      const column = [...ref].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1;
      row[column] = attributes.includes('t="inlineStr"')
        ? xmlDecoded(/<t[^>]*>(.*?)<\/t>/s.exec(content)?.[1] ?? '')
        : Number(/<v>(.*?)<\/v>/.exec(content)?.[1]);
    }
    rows[Number(r) - 1] = row;
  }
  return rows;
}

describe('the zip writer', () => {
  it('writes entries that a reader inflates back, with UTF-8 names, the same bytes each time', () => {
    const entries = [
      { name: 'a.txt', content: 'hello '.repeat(100) },
      { name: '目录/数据.bin', content: new Uint8Array([0, 1, 2, 255]) },
    ];
    const archive = zip(entries);
    expect(Buffer.from(zip(entries)).equals(Buffer.from(archive))).toBe(true);
    const files = unzip(archive);
    expect([...files.keys()]).toEqual(['a.txt', '目录/数据.bin']);
    expect(files.get('a.txt')?.toString()).toBe('hello '.repeat(100));
    expect([...(files.get('目录/数据.bin') ?? [])]).toEqual([0, 1, 2, 255]);
    expect(archive.length).toBeLessThan(300); // 600 bytes of text, deflated, and two headers of each entry
  });
});

describe('an XLSX workbook', () => {
  const book = xlsx({
    title: '日报 <2026-11-30>',
    subject: 'November & October',
    sheets: [
      {
        name: '客户',
        rows: [
          ['客户', '订单', '金额'],
          ['广州门窗 & Co <x>', 3, 12_345.67],
          ['Foshan "Hardware"\u0007', 0, -5.5],
          ['  spaces kept  ', Number.NaN, 1e21],
        ],
      },
      { name: 'Empty', rows: [] },
    ],
  });
  const files = unzip(book);

  it('has the parts of an OOXML package, each named in the content types and related from the workbook', () => {
    expect([...files.keys()].sort()).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'docProps/core.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
      'xl/worksheets/sheet2.xml',
    ]);
    const types = files.get('[Content_Types].xml')?.toString() ?? '';
    expect(types).toContain(
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
    );
    expect(types).toContain(
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>',
    );
    for (const n of [1, 2]) {
      expect(types).toContain(
        `<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
      );
    }
    expect(files.get('_rels/.rels')?.toString()).toContain('Target="xl/workbook.xml"');
    const workbook = files.get('xl/workbook.xml')?.toString() ?? '';
    const rels = files.get('xl/_rels/workbook.xml.rels')?.toString() ?? '';
    for (const [, name, id] of workbook.matchAll(/<sheet name="([^"]+)" sheetId="\d+" r:id="(rId\d+)"\/>/g)) {
      const target = new RegExp(`Id="${id}" Type="[^"]+/worksheet" Target="([^"]+)"`).exec(rels)?.[1];
      expect(files.has(`xl/${target}`), `${name} → ${target}`).toBe(true);
    }
    expect(files.get('docProps/core.xml')?.toString()).toContain('<dc:title>日报 &#60;2026-11-30&#62;</dc:title>');
    for (const [name, content] of files)
      expect(content.toString().startsWith('<?xml version="1.0" encoding="UTF-8"'), name).toBe(true);
  });

  it('keeps numbers as numbers and text as text, escaped, Chinese and spaces intact, without what XML cannot carry', () => {
    const sheet = files.get('xl/worksheets/sheet1.xml')?.toString() ?? '';
    expect(cells(sheet)).toEqual([
      ['客户', '订单', '金额'],
      ['广州门窗 & Co <x>', 3, 12_345.67],
      ['Foshan "Hardware"', 0, -5.5],
      ['  spaces kept  ', undefined, 1e21],
    ]);
    expect(sheet).toContain('<c r="B2"><v>3</v></c>');
    expect(sheet).toContain('&#38; Co &#60;x&#62;');
    expect(sheet).toContain('<c r="A1" s="1" t="inlineStr">'); // the header, bold
    expect(sheet).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
    expect(cells(files.get('xl/worksheets/sheet2.xml')?.toString() ?? '')).toEqual([]);
  });

  it('names sheets as Excel allows: at most 31 characters, none of []:*?/\\, unique whatever the case', () => {
    expect(
      sheetNames(['Sales: by day [Nov]?', 'a/b\\c*d', "'quoted'", '', 'SALES', 'sales', '客户'.repeat(20)]),
    ).toEqual(['Sales by day Nov', 'a b c d', 'quoted', 'Sheet4', 'SALES', 'sales(2)', '客户'.repeat(20).slice(0, 31)]);
    const long = sheetNames(['x'.repeat(40), 'x'.repeat(40)]);
    expect(long).toEqual(['x'.repeat(31), `${'x'.repeat(28)}(2)`]);
    expect(columnName(0)).toBe('A');
    expect(columnName(25)).toBe('Z');
    expect(columnName(26)).toBe('AA');
    expect(columnName(701)).toBe('ZZ');
    expect(columnName(702)).toBe('AAA');
  });
});

describe("a report's spreadsheet (R41)", () => {
  it('has one sheet per section, named by its heading, holding its table', () => {
    const report = sampleReport({ language: 'zh-CN' });
    const { filename, content } = reportSpreadsheet(report);
    expect(filename).toBe('monthly-report-2026-11.xlsx');
    const files = unzip(content);
    const names = [...(files.get('xl/workbook.xml')?.toString() ?? '').matchAll(/<sheet name="([^"]+)"/g)].map((m) =>
      xmlDecoded(m[1] ?? ''),
    );
    expect(names).toEqual(report.sections.map((s) => s.heading));
    report.sections.forEach((section, i) => {
      const rows = cells(files.get(`xl/worksheets/sheet${i + 1}.xml`)?.toString() ?? '');
      expect(rows).toEqual(
        [section.table.columns, ...section.table.rows].map((row) => row.map((cell) => (cell === '' ? '' : cell))),
      );
    });
  });
});
