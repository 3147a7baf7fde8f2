import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { brotliCompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import decompress from '../../shared/documents/brotli.ts';
import { documentFontFiles } from '../../shared/documents/fonts.ts';
import { packageFile } from '../../shared/package-files.ts';

/** The package fontkit imports (CommonJS, untyped). */
const packageDecompress: (buffer: Uint8Array, outSize?: number) => Uint8Array = createRequire(import.meta.url)(
  'brotli/decompress.js',
);

/** What the function bundles decode WOFF2 fonts with (infra/bundle.ts swaps it for the package): the same bytes. */
describe('the brotli decoder of the function bundles', () => {
  const font = readFileSync(packageFile(documentFontFiles.regular)).subarray(0, 50_000);
  const text = Buffer.from('送货单 Delivery note — the order, its lines and the signature. '.repeat(500));

  it('decodes what the brotli package decodes, to the very same bytes, whatever size it is told to expect', () => {
    for (const data of [font, text, Buffer.alloc(0)]) {
      const compressed = brotliCompressSync(data);
      for (const outSize of [data.length, 1, undefined]) {
        const theirs = Buffer.from(packageDecompress(compressed, outSize));
        expect(theirs.equals(data)).toBe(true);
        expect(Buffer.from(decompress(compressed)).equals(theirs)).toBe(true);
      }
    }
  });
});
