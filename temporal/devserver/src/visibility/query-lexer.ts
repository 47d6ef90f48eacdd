import { InvalidQueryError, QueryErrorKind } from './errors';

export type TokenKind = 'ident' | 'keyword' | 'string' | 'number' | 'op' | 'eof';

export interface Token {
  kind: TokenKind;
  /** Keywords upper-cased, operators normalised (`<>` → `!=`), strings unquoted and unescaped. */
  value: string;
  /** What the real parser echoes in "near '…'": the raw text, strings without their quotes. */
  near: string;
  start: number;
  end: number;
}

const KEYWORDS = new Set([
  'AND', 'OR', 'NOT', 'IN', 'BETWEEN', 'IS', 'NULL', 'TRUE', 'FALSE', 'ORDER', 'GROUP', 'BY', 'ASC',
  'DESC', 'STARTS_WITH', 'LIKE', 'LIMIT', 'WHERE', 'SELECT', 'FROM',
]);

const OPERATORS = ['<=', '>=', '!=', '<>', '=', '<', '>', '(', ')', ',', '-', '+'];

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '0': '\0', b: '\b', Z: '\x1a' };

function isIdentStart(ch: string): boolean {
  return /[A-Za-z_@]/.test(ch);
}

function isIdentPart(ch: string): boolean {
  return /[A-Za-z0-9_@]/.test(ch);
}

/**
 * Turns a visibility query into tokens. Offsets are in `text`; `positionBase` converts them into the
 * positions the server's SQL parser reports (see {@link syntaxError}).
 */
export function tokenize(text: string, positionBase: number): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const start = i;
    if (ch === "'" || ch === '"') {
      const { value, end } = scanString(text, i, positionBase);
      tokens.push({ kind: 'string', value, near: value, start, end });
      i = end;
    } else if (ch === '`') {
      const close = text.indexOf('`', i + 1);
      if (close < 0) throw syntaxError(positionBase, text.length, text.slice(i + 1), start);
      const name = text.slice(i + 1, close);
      tokens.push({ kind: 'ident', value: name, near: name, start, end: close + 1 });
      i = close + 1;
    } else if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      const match = /^(?:[0-9]*\.?[0-9]+|[0-9]+\.)(?:[eE][+-]?[0-9]+)?/.exec(text.slice(i));
      const raw = match ? match[0] : ch;
      i += raw.length;
      if (i < text.length && isIdentPart(text[i])) {
        // "1abc" — the SQL lexer reads it as one bad identifier.
        while (i < text.length && isIdentPart(text[i])) i++;
        const bad = text.slice(start, i);
        throw syntaxError(positionBase, i, bad, start);
      }
      tokens.push({ kind: 'number', value: raw, near: raw, start, end: i });
    } else if (isIdentStart(ch)) {
      while (i < text.length && isIdentPart(text[i])) i++;
      const raw = text.slice(start, i);
      const upper = raw.toUpperCase();
      const kind = KEYWORDS.has(upper) ? 'keyword' : 'ident';
      tokens.push({ kind, value: kind === 'keyword' ? upper : raw, near: raw, start, end: i });
    } else {
      const op = OPERATORS.find((candidate) => text.startsWith(candidate, i));
      if (!op) throw syntaxError(positionBase, i + 1, ch, start);
      i += op.length;
      tokens.push({ kind: 'op', value: op === '<>' ? '!=' : op, near: op, start, end: i });
    }
  }
  const end = text.trimEnd().length;
  tokens.push({ kind: 'eof', value: '', near: '', start: end, end });
  return tokens;
}

function scanString(text: string, open: number, positionBase: number): { value: string; end: number } {
  const quote = text[open];
  let value = '';
  let i = open + 1;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\\' && i + 1 < text.length) {
      const next = text[i + 1];
      value += ESCAPES[next] ?? next;
      i += 2;
    } else if (ch === quote && text[i + 1] === quote) {
      value += quote;
      i += 2;
    } else if (ch === quote) {
      return { value, end: i + 1 };
    } else {
      value += ch;
      i++;
    }
  }
  throw syntaxError(positionBase, text.length, value, open);
}

/**
 * "malformed SQL query: syntax error at position N near 'tok'". The server wraps the query in
 * `select * from table1 where …` and its tokenizer reports one past the end of the offending token in
 * that string; `positionBase` is the length of that wrapper. `offset` is the 0-based start in the
 * trimmed query, kept on the error for tools.
 */
export function syntaxError(positionBase: number, endInQuery: number, near: string | undefined, offset: number) {
  const position = positionBase + endInQuery + 1;
  const where = near ? ` near '${near}'` : '';
  return new InvalidQueryError(`${QueryErrorKind.malformed}: syntax error at position ${position}${where}`, {
    offset,
    token: near || undefined,
  });
}
