import { readFileSync } from 'node:fs';
import { type PackageFile, packageFile } from '../package-files.ts';

/**
 * Noto Sans SC (Noto Sans Hans, OFL-1.1) from the npm package @embedpdf/fonts-sc: one font for Chinese and Latin
 * text, so a customer's Chinese name renders wherever it appears. Read once per process; pdfkit embeds only the
 * glyphs a document uses (docs/decisions/documents-pdfkit-and-noto-sans-sc.md). A deployed function finds them next
 * to its bundle (shared/package-files.ts).
 */
export const documentFontFiles = {
  regular: { package: '@embedpdf/fonts-sc', path: 'fonts/NotoSansHans-Regular.otf' },
  bold: { package: '@embedpdf/fonts-sc', path: 'fonts/NotoSansHans-Bold.otf' },
} as const satisfies Record<string, PackageFile>;

let loaded: { regular: Buffer; bold: Buffer } | undefined;

export function documentFonts() {
  loaded ??= {
    regular: readFileSync(packageFile(documentFontFiles.regular)),
    bold: readFileSync(packageFile(documentFontFiles.bold)),
  };
  return loaded;
}
