/**
 * The source of every domain event on the bus. Apart from events.ts, which holds every event's schema: the adapters
 * that only name the source (the EventBridge publisher every function's ports reach) load none of them.
 */
export const eventSource = 'order-follow-up';
