/**
 * `npm run demo:quotation` (with `npm start` running): a special-price quotation approved by the general manager and
 * mailed to the customer as a PDF, then an order at that price that passes review without him (R37).
 */
import { printOrder } from './demo/client.ts';
import { specialPriceQuotedAndOrdered } from './demo/quotations.ts';
import { answerHelp } from './help.ts';

answerHelp(`
npm run demo:quotation — with \`npm start\` running (same PORT and OFFLINE_DATA_DIR): customer 003 gets a quotation
at a special price beyond the deputy GM's limit, which the general manager approves from the link in his e-mail; its
PDF goes to the customer; an order at that price passes the merchandiser's review straight to planning (R37).
`);

const { order } = await specialPriceQuotedAndOrdered();
await printOrder(order.id);
