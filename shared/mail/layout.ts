/** The pieces every e-mail is made of: an escaped HTML page and its plain-text twin. */
export function escapeHtml(text: string) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A paragraph of text, a link, or a table of facts (label and value per row; a statement's figures). */
export type Paragraph = string | { link: string; label: string } | { rows: readonly (readonly [string, string])[] };

const rowsText = (rows: readonly (readonly [string, string])[]) =>
  rows.map(([label, value]) => `${label}: ${value}`).join('\n');
const rowsHtml = (rows: readonly (readonly [string, string])[]) =>
  `<table style="border-collapse:collapse">${rows
    .map(
      ([label, value]) =>
        `<tr><th style="text-align:left;vertical-align:top;font-weight:normal;color:#555;padding:2px 16px 2px 0">${escapeHtml(label)}</th><td style="text-align:right;vertical-align:top;white-space:nowrap;padding:2px 0">${escapeHtml(value)}</td></tr>`,
    )
    .join('')}</table>`;

export type Email = { subject: string; text: string; html: string };

export function composeEmail(subject: string, paragraphs: Paragraph[]): Email {
  const text = paragraphs
    .map((p) => (typeof p === 'string' ? p : 'rows' in p ? rowsText(p.rows) : `${p.label}: ${p.link}`))
    .join('\n\n');
  const body = paragraphs
    .map((p) =>
      typeof p === 'string'
        ? `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`
        : 'rows' in p
          ? rowsHtml(p.rows)
          : `<p><a href="${escapeHtml(p.link)}">${escapeHtml(p.label)}</a></p>`,
    )
    .join('\n');
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body style="font-family:sans-serif;line-height:1.5;overflow-wrap:anywhere">\n${body}\n</body></html>`;
  return { subject, text: `${text}\n`, html };
}
