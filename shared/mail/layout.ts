/** The pieces every e-mail is made of: an escaped HTML page and its plain-text twin. */
export function escapeHtml(text: string) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export type Paragraph = string | { link: string; label: string };

export type Email = { subject: string; text: string; html: string };

export function composeEmail(subject: string, paragraphs: Paragraph[]): Email {
  const text = paragraphs.map((p) => (typeof p === 'string' ? p : `${p.label}: ${p.link}`)).join('\n\n');
  const body = paragraphs
    .map((p) =>
      typeof p === 'string'
        ? `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`
        : `<p><a href="${escapeHtml(p.link)}">${escapeHtml(p.label)}</a></p>`,
    )
    .join('\n');
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body style="font-family:sans-serif;line-height:1.5;overflow-wrap:anywhere">\n${body}\n</body></html>`;
  return { subject, text: `${text}\n`, html };
}
