/**
 * A small evaluator for the X search/rule query language, enough for the local X API server: words,
 * "quoted phrases", from:handle, is:retweet|reply|quote, negation with "-", implicit AND, OR, parentheses.
 */

export interface QueryTweet {
  text: string;
  authorUsername: string;
  isRetweet: boolean;
  isReply: boolean;
  isQuote: boolean;
}

export type QueryNode =
  | { op: 'and' | 'or'; items: QueryNode[] }
  | { op: 'not'; item: QueryNode }
  | { op: 'from'; handle: string }
  | { op: 'is'; what: string }
  | { op: 'word'; word: string };

export class QuerySyntaxError extends Error {}

function tokenize(q: string): string[] {
  const out: string[] = [];
  const re = /\s*("(?:[^"\\]|\\.)*"|\(|\)|-?[^\s()"]+|-(?=["(]))/gy;
  let m: RegExpExecArray | null;
  let last = 0;
  while ((m = re.exec(q))) {
    out.push(m[1]!);
    last = re.lastIndex;
  }
  if (q.slice(last).trim()) throw new QuerySyntaxError(`cannot read the query from "${q.slice(last).trim()}"`);
  return out;
}

export function parseQuery(q: string): QueryNode {
  const tokens = tokenize(q);
  let i = 0;
  const peek = () => tokens[i];
  function orExpr(): QueryNode {
    const items = [andExpr()];
    while (peek() === 'OR') {
      i++;
      items.push(andExpr());
    }
    return items.length === 1 ? items[0]! : { op: 'or', items };
  }
  function andExpr(): QueryNode {
    const items: QueryNode[] = [];
    while (i < tokens.length && peek() !== ')' && peek() !== 'OR') items.push(unary());
    if (!items.length) throw new QuerySyntaxError('empty clause');
    return items.length === 1 ? items[0]! : { op: 'and', items };
  }
  function unary(): QueryNode {
    const t = peek()!;
    if (t.startsWith('-') && t.length > 1) {
      tokens[i] = t.slice(1);
      return { op: 'not', item: atom() };
    }
    if (t === '-') {
      i++;
      return { op: 'not', item: atom() };
    }
    return atom();
  }
  function atom(): QueryNode {
    const t = tokens[i++];
    if (t === undefined) throw new QuerySyntaxError('unexpected end of query');
    if (t === '(') {
      const e = orExpr();
      if (tokens[i++] !== ')') throw new QuerySyntaxError('missing ")"');
      return e;
    }
    if (t === ')') throw new QuerySyntaxError('unexpected ")"');
    if (/^from:/i.test(t)) return { op: 'from', handle: t.slice(5).replace(/^@/, '').toLowerCase() };
    if (/^is:/i.test(t)) return { op: 'is', what: t.slice(3).toLowerCase() };
    return { op: 'word', word: t.replace(/^"|"$/g, '').toLowerCase() };
  }
  const node = orExpr();
  if (i < tokens.length) throw new QuerySyntaxError(`unexpected "${tokens[i]}"`);
  return node;
}

export function matches(node: QueryNode, t: QueryTweet): boolean {
  switch (node.op) {
    case 'and':
      return node.items.every((n) => matches(n, t));
    case 'or':
      return node.items.some((n) => matches(n, t));
    case 'not':
      return !matches(node.item, t);
    case 'from':
      return t.authorUsername.toLowerCase() === node.handle;
    case 'is':
      return node.what === 'retweet' ? t.isRetweet : node.what === 'reply' ? t.isReply : node.what === 'quote' ? t.isQuote : false;
    case 'word':
      return t.text.toLowerCase().includes(node.word);
  }
}

/** X rejects queries made only of negations. */
export function hasPositiveClause(node: QueryNode): boolean {
  switch (node.op) {
    case 'and':
      return node.items.some(hasPositiveClause);
    case 'or':
      return node.items.every(hasPositiveClause);
    case 'not':
      return false;
    default:
      return true;
  }
}
