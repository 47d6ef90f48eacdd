export * from './errors';
export * from './execution-record';
export * from './search-attributes';
export * from './payload';
export { parseQuery } from './query-parser';
export type { ParsedQuery, QueryExpr, Literal, Operand, ColumnRef, OrderByItem } from './query-parser';
export { compileQuery, compileParsedQuery, textTokens } from './query-compiler';
export type { CompiledQuery, IndexPlan, SortKey, Scalar } from './query-compiler';
export * from './visibility-index';
