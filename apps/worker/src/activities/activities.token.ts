/** DI token of the activity functions registered on the worker. */
export const ACTIVITIES = Symbol('ACTIVITIES');
