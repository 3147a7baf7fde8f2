import { DomainError } from '../domain/errors.ts';
import { dispositionFilename } from '../mail/mime.ts';
import type { HttpResult } from './handler.ts';

/** None of the media types a route offers is acceptable to the caller (`Accept`). */
export class NotAcceptable extends DomainError {
  constructor(offered: readonly string[]) {
    super(406, `This answers with ${offered.join(' or ')}; the Accept header allows none of them.`, [
      { field: 'Accept', message: `must allow one of ${offered.join(', ')}` },
    ]);
  }
}

type Range = { type: string; subtype: string; q: number };

function ranges(accept: string): Range[] {
  return accept.split(',').flatMap((part) => {
    const [range = '', ...params] = part.split(';').map((p) => p.trim().toLowerCase());
    const [type, subtype] = range.split('/');
    if (!type || !subtype) return [];
    const q = Number(params.find((p) => p.startsWith('q='))?.slice(2) ?? 1);
    return [{ type, subtype, q: Number.isFinite(q) ? q : 0 }];
  });
}

/** How much the caller wants `mediaType`: the q of the most specific range naming it (RFC 9110 §12.5.1). */
function quality(accepted: Range[], mediaType: string) {
  const [type, subtype] = mediaType.toLowerCase().split('/');
  const match =
    accepted.find((r) => r.type === type && r.subtype === subtype) ??
    accepted.find((r) => r.type === type && r.subtype === '*') ??
    accepted.find((r) => r.type === '*' && r.subtype === '*');
  return match?.q ?? 0;
}

/**
 * Which of `offered` (the first is the default) the caller wants most, the earlier on a tie; no Accept header, the
 * first; none acceptable, undefined.
 */
export function preferred<const T extends string>(
  headers: Record<string, string | undefined>,
  offered: readonly [T, ...T[]],
): T | undefined {
  const accept = headers.accept;
  if (!accept?.trim()) return offered[0];
  const accepted = ranges(accept);
  const best = offered.map((type) => ({ type, q: quality(accepted, type) })).reduce((a, b) => (b.q > a.q ? b : a));
  return best.q > 0 ? best.type : undefined;
}

/**
 * Which of `offered` answers a request with this Accept header (`preferred`), or 406 if none is acceptable.
 * `GET /delivery-notes/{number}`: JSON, or the PDF.
 */
export function negotiate<const T extends string>(
  headers: Record<string, string | undefined>,
  offered: readonly [T, ...T[]],
): T {
  const type = preferred(headers, offered);
  if (!type) throw new NotAcceptable(offered);
  return type;
}

/** A file as the answer (a document's PDF): its bytes, its type, and the name it is saved under. */
export function fileResult(content: Uint8Array, contentType: string, filename: string): HttpResult {
  return {
    status: 200,
    body: content,
    headers: { 'content-type': contentType, 'content-disposition': `inline; ${dispositionFilename(filename)}` },
  };
}
