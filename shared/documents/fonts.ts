import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Noto Sans SC (Noto Sans Hans, OFL-1.1) from the npm package @embedpdf/fonts-sc: one font for Chinese and Latin
 * text, so a customer's Chinese name renders wherever it appears. Read once per process; pdfkit embeds only the
 * glyphs a document uses (docs/decisions/documents-pdfkit-and-noto-sans-sc.md).
 */
const fontsDir = () => join(dirname(createRequire(import.meta.url).resolve('@embedpdf/fonts-sc')), '..', 'fonts');

let loaded: { regular: Buffer; bold: Buffer } | undefined;

export function documentFonts() {
  loaded ??= {
    regular: readFileSync(join(fontsDir(), 'NotoSansHans-Regular.otf')),
    bold: readFileSync(join(fontsDir(), 'NotoSansHans-Bold.otf')),
  };
  return loaded;
}
