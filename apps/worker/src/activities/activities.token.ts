/** DI token of the activity functions registered on the worker. */
export const ACTIVITIES = Symbol('ACTIVITIES');

export type ActivityImplementations = Record<string, (...args: never[]) => Promise<unknown>>;
