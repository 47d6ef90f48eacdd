/** DI token of the activity functions registered on the worker. */
export const ACTIVITIES = Symbol('ACTIVITIES');

export type ActivityImplementations = Record<string, (...args: never[]) => Promise<unknown>>;

/** DI token of the messaging activities (task queue `messaging`: the senders' anti-ban queues). */
export const MESSAGING_ACTIVITIES = Symbol('MESSAGING_ACTIVITIES');
