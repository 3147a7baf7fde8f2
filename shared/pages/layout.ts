import type { FieldIssue } from '../domain/errors.ts';
import { escapeHtml } from '../mail/layout.ts';

/**
 * The pages people meet from an e-mailed link (an approver deciding, a customer signing for goods), on a phone as
 * often as not: short headings, the facts as a list, the buttons always in reach (a bar kept at the bottom of the
 * screen), zh-CN and en side by side, times in the company's time zone, and nothing meant for developers (status
 * codes, field paths, rule numbers).
 */
const style = `body{font-family:system-ui,sans-serif;max-width:44rem;margin:0 auto;padding:1rem;line-height:1.5;color:#1f2328}
h1{font-size:1.3rem;line-height:1.3;margin:.2rem 0 .4rem}.subject{font-weight:600;margin:0 0 1rem;color:#444}
dl{margin:0 0 1rem}dt{color:#555;font-size:.9rem}dd{margin:0 0 .6rem;overflow-wrap:anywhere}
@media (min-width:48rem){dl{display:grid;grid-template-columns:14rem 1fr;gap:0 1rem}dt,dd{margin:0;padding:.2rem 0}}
textarea,input,select{width:100%;font:inherit;box-sizing:border-box;padding:.4rem}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #ddd;padding:.25rem;text-align:left}td input{width:6rem}
.field{margin:.8rem 0}.field label{display:block;font-weight:600}.req{color:#cf222e}
.invalid input,.invalid select,.invalid textarea{border:2px solid #cf222e}.error{color:#cf222e;margin:.2rem 0}
.problems{border:1px solid #cf222e;background:#fff5f5;padding:.5rem .8rem;margin:1rem 0}
.actions{position:sticky;bottom:0;background:#fff;display:flex;gap:.6rem;padding:.6rem 0;border-top:1px solid #ddd}
.actions button{flex:1;font:inherit;font-weight:600;padding:.8rem;border:0;border-radius:.4rem;color:#fff}
.approve{background:#1a7f37}.reject{background:#cf222e}.note{color:#555;font-size:.9rem}
.outcome{font-size:1.1rem;font-weight:600}.asked{border:1px solid #0969da;background:#f0f6ff;padding:.5rem .8rem;margin:1rem 0}
.with-code{flex-wrap:wrap;align-items:flex-end}.with-code .code{flex:1 1 100%;display:flex;gap:.6rem;align-items:center}
.code label{font-weight:600;white-space:nowrap}.code input{font-size:1.4rem;letter-spacing:.3em;max-width:10rem;font-variant-numeric:tabular-nums;padding:.2rem .4rem}
.actions .resend{flex:0 1 auto;background:#fff;color:#0969da;border:1px solid #0969da;font-weight:400}.next{border-left:4px solid #0969da;background:#f6f8fa;padding:.5rem .8rem}
.field .choice{display:flex;gap:.5rem;align-items:center;font-weight:400;margin:.3rem 0}.choice input{width:auto}
fieldset{border:1px solid #ddd;border-radius:.4rem;margin:1rem 0;padding:.2rem .8rem .6rem}legend{font-weight:600;padding:0 .3rem}
.scale{display:flex;gap:.4rem;max-width:24rem}.field .scale label{flex:1;display:flex;flex-direction:column;align-items:center;font-weight:400;border:1px solid #ddd;border-radius:.4rem;padding:.3rem 0}.scale input{width:auto}`;

export const page = (title: string, body: string, lang = 'zh-CN') =>
  `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title>
<style>${style}</style></head><body>${body}</body></html>`;

/** A fact of a page's list: its label and value. */
export const fact = (label: string, value: string) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`;

/** A table of lines: its headings and each row's cells, as text. */
export const linesTable = (headings: readonly string[], rows: readonly (readonly string[])[]) =>
  `<table><thead><tr>${headings.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((cells) => `<tr>${cells.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;

/** A form as it was posted and sent back: the values typed, and the problems found, each by its field's name. */
export type Posted = { values?: Record<string, string>; errors?: FieldIssue[] };

/** What a form posted, without the fields it left out. */
export const postedValues = (body: Record<string, string | undefined>) =>
  Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) as Record<string, string>;

/**
 * The pieces of a form sent back with its problems (or shown the first time): each field keeps what was typed (else
 * its default) and shows its problems beside it; over the form, a notice that nothing was recorded, with any
 * problem that belongs to no field of the form.
 */
export function formState({ values = {}, errors = [] }: Posted, fields: readonly string[]) {
  const problems = (key: string) =>
    errors
      .filter((e) => e.field === key)
      .map((e) => `<p class="error">${escapeHtml(e.message)}</p>`)
      .join('');
  const elsewhere = errors.filter((e) => !fields.includes(e.field));
  return {
    value: (key: string, fallback = '') => escapeHtml(values[key] ?? fallback),
    /** A field: its label (marked when required), its control, its problems. */
    field: (key: string, label: string, control: string, { required = false, note = '' } = {}) =>
      `<div class="field${errors.some((e) => e.field === key) ? ' invalid' : ''}"><label for="${escapeHtml(key)}">${escapeHtml(label)}${
        required ? ' <span class="req">*</span>' : ''
      }${note ? ` <span class="note">(${escapeHtml(note)})</span>` : ''}</label>${control}${problems(key)}</div>`,
    problems,
    invalid: (key: string) => (errors.some((e) => e.field === key) ? ' invalid' : ''),
    notice: errors.length
      ? `<div class="problems" role="alert"><p>没有记录，请更正下列问题。 Nothing was recorded: please correct what is marked.</p>${elsewhere
          .map((e) => `<p class="error">${escapeHtml(e.message)}</p>`)
          .join('')}</div>`
      : '',
  };
}
