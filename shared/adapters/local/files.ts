import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Writes a file so that a crash (a SIGKILL, a power cut) leaves either its old or its new content, never a
 * truncated one: a temporary file beside it, then a rename.
 */
export function replaceFile(file: string, content: string | Uint8Array) {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, file);
}
