import { brotliDecompressSync } from 'node:zlib';

/**
 * The `brotli` package's `decompress(buffer, outSize)`, which fontkit calls to read WOFF2 fonts, done by the brotli
 * decoder built into Node. The function bundles take this module in its place (the alias of infra/bundle.ts):
 * the package decodes in JavaScript with a 450 KB dictionary of its own, about 40% of a bundle that renders PDFs.
 * The documents embed OTF fonts (fonts.ts), which fontkit reads without it; a WOFF2 font would still load.
 * `outSize` is only where the package starts its output buffer (it grows it as the data needs): nothing to pass on.
 */
export default function decompress(buffer: Uint8Array): Uint8Array {
  return brotliDecompressSync(buffer);
}
