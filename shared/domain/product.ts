import type { NewProduct, Product, ProductChanges } from '../schemas/product.ts';
import { ValidationFailed } from './errors.ts';
import { domainEvent, type EventContext, type EventOf, edited, fieldChanges } from './events.ts';

export type ProductAdded = EventOf<'ProductAdded'>;
export type ProductChanged = EventOf<'ProductChanged'>;

const subjectOf = (product: Product) => ({ kind: 'product', id: product.code });

/** R2: a kit is made of other products, never of itself; `existing` are the codes found among the products. */
export function checkKit(code: string, kit: Product['kit'], existing: ReadonlySet<string>) {
  const problems = (kit ?? []).flatMap((component, i) => {
    if (component.code === code) return [{ field: `kit.${i}.code`, message: 'is the kit itself' }];
    if (!existing.has(component.code)) return [{ field: `kit.${i}.code`, message: 'is not a product' }];
    return [];
  });
  if (problems.length) throw new ValidationFailed(problems);
}

export function addProduct(input: NewProduct, context: EventContext) {
  const { now, actor } = context;
  const product: Product = { ...input, version: 1, createdAt: now, createdBy: actor, updatedAt: now, updatedBy: actor };
  const event: ProductAdded = domainEvent('ProductAdded', subjectOf(product), { product }, context);
  return { product, event };
}

export function changeProduct(current: Product, changes: Omit<ProductChanges, 'version'>, context: EventContext) {
  const changed = fieldChanges(current, changes);
  if (changed.length === 0) return { product: current, event: undefined };
  const product = edited(current, changed, context.now, context.actor);
  const event: ProductChanged = domainEvent(
    'ProductChanged',
    subjectOf(product),
    { product, changes: changed },
    context,
  );
  return { product, event };
}
