// JQL parsing with Atlassian's own grammar (@atlaskit/jql-parser's ANTLR lexer/parser via @atlaskit/jql-ast).
//
// One extension: Forge object fields are searched through their schema aliases as `"Field name".Alias = value`
// (developer.atlassian.com, jira:customField "Object type JQL search"). The published frontend grammar has no such
// rule: it lexes `.Alias` as a separate string token. A lexer pre-pass therefore rewrites a field token directly
// followed by `.Alias` into the grammar's field-property form `field[Alias]`, and remembers where it did so, so only
// those rewritten fields are read as aliases.
import { CharStreams, type ANTLRErrorListener, type Recognizer, type Token } from 'antlr4ts';
import type { ATNSimulator } from 'antlr4ts/atn/ATNSimulator';
import { JQLLexer } from '@atlaskit/jql-parser';
import { JastBuilder, type Query } from '@atlaskit/jql-ast';
import { badRequest } from '../errors';

export interface ParsedJql {
  query: Query | undefined;
  /** Start offsets (in `text`) of fields written with the `.Alias` syntax. */
  aliasFields: Set<number>;
  /** The JQL as parsed, after the alias rewrite. */
  text: string;
}

const FIELD_TOKENS = new Set([JQLLexer.QUOTE_STRING, JQLLexer.SQUOTE_STRING, JQLLexer.STRING]);

class CollectingListener implements ANTLRErrorListener<number> {
  readonly messages: string[] = [];
  syntaxError = <T extends number>(
    _r: Recognizer<T, ATNSimulator>,
    _s: T | undefined,
    line: number,
    col: number,
    msg: string,
  ): void => {
    this.messages.push(`${msg} (line ${line}, character ${col + 1})`);
  };
}

const jqlError = (detail: string) => badRequest(`Error in the JQL Query: ${detail}`);

function rewriteAliases(jql: string): { text: string; aliasFields: Set<number> } {
  const lexer = new JQLLexer(CharStreams.fromString(jql));
  const listener = new CollectingListener();
  lexer.removeErrorListeners();
  lexer.addErrorListener(listener);
  const tokens: Token[] = lexer.getAllTokens().filter((t) => t.channel === 0);
  if (listener.messages.length > 0) throw jqlError(listener.messages[0] as string);
  let text = '';
  let cursor = 0;
  const aliasFields = new Set<number>();
  for (let i = 0; i < tokens.length - 1; i++) {
    const next = tokens[i + 1] as Token;
    // The field is one token, or `cf[N]` (CUSTOMFIELD '[' POSNUMBER ']').
    const isCustomField = tokens[i]?.type === JQLLexer.RBRACKET && tokens[i - 3]?.type === JQLLexer.CUSTOMFIELD;
    const first = (isCustomField ? tokens[i - 3] : tokens[i]) as Token;
    const last = tokens[i] as Token;
    const before = tokens[tokens.indexOf(first) - 1];
    const after = tokens[i + 2];
    const inFieldPosition =
      (before === undefined || !isOperator(before)) && (after === undefined || followsField(after));
    if (
      inFieldPosition &&
      (isCustomField || FIELD_TOKENS.has(last.type)) &&
      next.type === JQLLexer.STRING &&
      (next.text ?? '').length > 1 &&
      (next.text ?? '').startsWith('.') &&
      next.startIndex === last.stopIndex + 1
    ) {
      text += jql.slice(cursor, first.startIndex);
      aliasFields.add(text.length);
      const alias = (next.text as string).slice(1).replace(/\\/g, '\\\\').replace(/"/g, '\\"');
      text += `${jql.slice(first.startIndex, last.stopIndex + 1)}["${alias}"]`;
      cursor = next.stopIndex + 1;
      i++;
    }
  }
  return { text: text + jql.slice(cursor), aliasFields };
}

/** Clause operators: a string right after one is an operand, not a field. */
const isOperator = (t: Token): boolean =>
  (t.type >= JQLLexer.LT && t.type <= JQLLexer.IS) || t.type === JQLLexer.WAS || t.type === JQLLexer.CHANGED;

/** What may follow a field: an operator (or NOT IN / IS), or ASC, DESC and ',' in ORDER BY. */
const followsField = (t: Token): boolean =>
  isOperator(t) ||
  t.type === JQLLexer.NOT ||
  t.type === JQLLexer.ASC ||
  t.type === JQLLexer.DESC ||
  t.type === JQLLexer.COMMA;

export function parseJql(jql: string): ParsedJql {
  const { text, aliasFields } = rewriteAliases(jql);
  const jast = new JastBuilder().build(text);
  if (jast.errors.length > 0) {
    const first = jast.errors[0] as { message: string; line?: number; charPositionInLine?: number };
    const where =
      first.line !== undefined ? ` (line ${first.line}, character ${(first.charPositionInLine ?? 0) + 1})` : '';
    throw jqlError(`${first.message}${where}`);
  }
  return { query: jast.query ?? undefined, aliasFields, text };
}
