import type { HistoryEntry, Order } from '../schemas/order.ts';
import { Conflict, ValidationFailed } from './errors.ts';
import { domainEvent, type EventContext, type EventOf, edited, fieldChanges } from './events.ts';

export type ProductionStarted = EventOf<'ProductionStarted'>;

/**
 * R12: production reports which lines of a released order it has started; from then on those lines can no longer
 * change. Reporting a line again changes nothing (the first start stands).
 */
export function startProduction(order: Order, lines: readonly number[], context: EventContext) {
  if (order.status !== 'in_production') {
    throw new Conflict(`Order ${order.number} is ${order.status}; production starts only on orders released to it.`);
  }
  const unknown = lines.flatMap((line, i) =>
    order.lines.some((l) => l.line === line)
      ? []
      : [{ field: `lines.${i}`, message: `is not a line of order ${order.number}` }],
  );
  if (unknown.length) throw new ValidationFailed(unknown);
  const starting = order.lines.filter((line) => lines.includes(line.line) && !line.productionStartedAt);
  if (starting.length === 0) return undefined;
  const changed = fieldChanges(order, {
    lines: order.lines.map((line) => (starting.includes(line) ? { ...line, productionStartedAt: context.now } : line)),
  });
  const started = edited(order, changed, context.now, context.actor);
  const numbers = starting.map((line) => line.line);
  const event: ProductionStarted = domainEvent(
    'ProductionStarted',
    { kind: 'order', id: order.id },
    { order: started, lines: numbers },
    context,
  );
  const history: HistoryEntry = {
    at: context.now,
    actor: context.actor,
    action: 'production started',
    changes: changed,
    note: `line ${numbers.join(', ')}`,
  };
  return { order: started, event, history };
}
