/** DI token of the API's lazy Temporal {@link Connection}. */
export const TEMPORAL_CONNECTION = Symbol('TEMPORAL_CONNECTION');
