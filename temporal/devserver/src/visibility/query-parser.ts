import { InvalidQueryError, QueryErrorKind } from './errors';
import { syntaxError, Token, tokenize } from './query-lexer';

export type Literal =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number; integer: boolean }
  | { kind: 'bool'; value: boolean };

export interface ColumnRef {
  name: string;
  offset: number;
}

export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'LIKE' | 'NOT LIKE';

/** A value position: a literal, or a bare name the user forgot to quote (rejected when compiled). */
export type Operand = { literal: Literal } | { column: ColumnRef };

export type QueryExpr =
  | { type: 'and'; left: QueryExpr; right: QueryExpr }
  | { type: 'or'; left: QueryExpr; right: QueryExpr }
  | { type: 'not'; expr: QueryExpr }
  | { type: 'compare'; column: ColumnRef; operator: ComparisonOperator; value: Operand }
  | { type: 'in'; column: ColumnRef; negated: boolean; values: Operand[] }
  | { type: 'between'; column: ColumnRef; negated: boolean; from: Operand; to: Operand }
  | { type: 'startsWith'; column: ColumnRef; negated: boolean; value: Operand }
  | { type: 'isNull'; column: ColumnRef; negated: boolean }
  /** Parses as SQL but the server's converter refuses it; the message is the converter's detail. */
  | { type: 'invalid'; detail: string };

export interface OrderByItem {
  column: ColumnRef;
  descending: boolean;
}

export interface ParsedQuery {
  where?: QueryExpr;
  groupBy: ColumnRef[];
  orderBy: OrderByItem[];
  limit: boolean;
}

const SELECT_PREFIX = 'select * from table1 ';
const WHERE_PREFIX = 'where ';

/**
 * Parses a List Filter (`WorkflowType = 'x' AND StartTime > '…' ORDER BY StartTime`), the SQL WHERE
 * subset the Temporal server accepts. Empty means every execution. Throws {@link InvalidQueryError}
 * with the server's "malformed SQL query: syntax error at position N near '…'" on bad syntax.
 */
export function parseQuery(query: string): ParsedQuery {
  const trimmed = query.trim();
  if (trimmed === '') return { groupBy: [], orderBy: [], limit: false };
  const lower = trimmed.toLowerCase();
  const wrapped = lower.startsWith('order by') || lower.startsWith('group by');
  const leading = query.length - query.trimStart().length;
  const positionBase = SELECT_PREFIX.length + (wrapped ? 0 : WHERE_PREFIX.length) - leading;
  return new Parser(tokenize(query, positionBase), positionBase).parse(wrapped);
}

class Parser {
  private pos = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly positionBase: number,
  ) {}

  parse(startsWithClause: boolean): ParsedQuery {
    const where = startsWithClause ? undefined : this.parseOr();
    const groupBy: ColumnRef[] = [];
    const orderBy: OrderByItem[] = [];
    let limit = false;
    if (this.acceptKeywords('GROUP', 'BY')) {
      do groupBy.push(this.parseColumn());
      while (this.acceptOp(','));
    }
    if (this.acceptKeywords('ORDER', 'BY')) {
      do {
        const column = this.parseColumn();
        const descending = this.acceptKeyword('DESC');
        if (!descending) this.acceptKeyword('ASC');
        orderBy.push({ column, descending });
      } while (this.acceptOp(','));
    }
    if (this.acceptKeyword('LIMIT')) {
      this.expect('number');
      limit = true;
    }
    if (this.peek().kind !== 'eof') throw this.error();
    return { where, groupBy, orderBy, limit };
  }

  private parseOr(): QueryExpr {
    let left = this.parseAnd();
    while (this.acceptKeyword('OR')) left = { type: 'or', left, right: this.parseAnd() };
    return left;
  }

  private parseAnd(): QueryExpr {
    let left = this.parseNot();
    while (this.acceptKeyword('AND')) left = { type: 'and', left, right: this.parseNot() };
    return left;
  }

  private parseNot(): QueryExpr {
    if (this.acceptKeyword('NOT')) return { type: 'not', expr: this.parseNot() };
    return this.parsePredicate();
  }

  private parsePredicate(): QueryExpr {
    if (this.acceptOp('(')) {
      const inner = this.parseOr();
      this.expectOp(')');
      return inner;
    }
    const left = this.parseOperand();
    const expr = this.parseCondition(left);
    if ('literal' in left && expr.type !== 'invalid') {
      const goType = left.literal.kind === 'bool' ? 'sqlparser.BoolVal' : '*sqlparser.SQLVal';
      return { type: 'invalid', detail: `${QueryErrorKind.invalidExpression}: must be a column name but was ${goType}` };
    }
    return expr;
  }

  /** Everything after the left operand; `left` is a column unless the user wrote a value there. */
  private parseCondition(left: Operand): QueryExpr {
    const column = 'column' in left ? left.column : { name: '', offset: -1 };
    const token = this.peek();
    if (token.kind === 'op' && ['=', '!=', '<', '<=', '>', '>='].includes(token.value)) {
      this.pos++;
      return { type: 'compare', column, operator: token.value as ComparisonOperator, value: this.parseOperand() };
    }
    if (token.kind === 'keyword') {
      switch (token.value) {
        case 'IS': {
          this.pos++;
          const negated = this.acceptKeyword('NOT');
          this.expectKeyword('NULL');
          return { type: 'isNull', column, negated };
        }
        case 'NOT':
          this.pos++;
          return this.parseNegatable(column, true);
        case 'IN':
        case 'BETWEEN':
        case 'STARTS_WITH':
        case 'LIKE':
          return this.parseNegatable(column, false);
      }
    }
    if ('literal' in left) {
      return { type: 'invalid', detail: `${QueryErrorKind.notSupported}: expression of type *sqlparser.SQLVal` };
    }
    return { type: 'invalid', detail: `${QueryErrorKind.invalidExpression}: incomplete expression` };
  }

  private parseNegatable(column: ColumnRef, negated: boolean): QueryExpr {
    const token = this.next();
    if (token.kind !== 'keyword') throw this.error(token);
    switch (token.value) {
      case 'IN': {
        this.expectOp('(');
        const values: Operand[] = [];
        do values.push(this.parseOperand());
        while (this.acceptOp(','));
        this.expectOp(')');
        return { type: 'in', column, negated, values };
      }
      case 'BETWEEN': {
        const from = this.parseOperand();
        this.expectKeyword('AND');
        return { type: 'between', column, negated, from, to: this.parseOperand() };
      }
      case 'STARTS_WITH':
        return { type: 'startsWith', column, negated, value: this.parseOperand() };
      case 'LIKE':
        return { type: 'compare', column, operator: negated ? 'NOT LIKE' : 'LIKE', value: this.parseOperand() };
      default:
        throw this.error(token);
    }
  }

  private parseOperand(): Operand {
    const token = this.next();
    switch (token.kind) {
      case 'string':
        return { literal: { kind: 'string', value: token.value } };
      case 'number':
        return { literal: numberLiteral(token.value, false) };
      case 'ident':
        return { column: { name: token.value, offset: token.start } };
      case 'keyword':
        if (token.value === 'TRUE' || token.value === 'FALSE') {
          return { literal: { kind: 'bool', value: token.value === 'TRUE' } };
        }
        break;
      case 'op':
        if (token.value === '-' || token.value === '+') {
          const number = this.expect('number');
          return { literal: numberLiteral(number.value, token.value === '-') };
        }
        break;
    }
    throw this.error(token);
  }

  private parseColumn(): ColumnRef {
    const token = this.expect('ident');
    return { name: token.value, offset: token.start };
  }

  private peek(): Token {
    return this.tokens[this.pos];
  }

  private next(): Token {
    const token = this.tokens[this.pos];
    if (token.kind !== 'eof') this.pos++;
    return token;
  }

  private acceptKeyword(keyword: string): boolean {
    const token = this.peek();
    if (token.kind === 'keyword' && token.value === keyword) {
      this.pos++;
      return true;
    }
    return false;
  }

  private acceptKeywords(first: string, second: string): boolean {
    if (!this.acceptKeyword(first)) return false;
    this.expectKeyword(second);
    return true;
  }

  private acceptOp(op: string): boolean {
    const token = this.peek();
    if (token.kind === 'op' && token.value === op) {
      this.pos++;
      return true;
    }
    return false;
  }

  private expect(kind: Token['kind']): Token {
    const token = this.next();
    if (token.kind !== kind) throw this.error(token);
    return token;
  }

  private expectKeyword(keyword: string): void {
    const token = this.next();
    if (token.kind !== 'keyword' || token.value !== keyword) throw this.error(token);
  }

  private expectOp(op: string): void {
    const token = this.next();
    if (token.kind !== 'op' || token.value !== op) throw this.error(token);
  }

  private error(token: Token = this.peek()): InvalidQueryError {
    return syntaxError(this.positionBase, token.end, token.near, token.start);
  }
}

function numberLiteral(text: string, negative: boolean): Literal {
  const value = Number(text) * (negative ? -1 : 1);
  return { kind: 'number', value, integer: /^[0-9]+$/.test(text) };
}
