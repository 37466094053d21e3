// Evaluates the subset of Jira expressions that Forge trigger filters use over `event`: member access with
// optional chaining, string / number / boolean / null literals, == != && || ! and parentheses.
type Token = { kind: 'str' | 'num' | 'id' | 'op'; value: string };

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) i += 1;
    else if (c === "'" || c === '"') {
      const end = src.indexOf(c, i + 1);
      if (end < 0) throw new SyntaxError(`Unterminated string in filter expression at ${i}`);
      tokens.push({ kind: 'str', value: src.slice(i + 1, end) });
      i = end + 1;
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9.]+/.exec(src.slice(i))![0];
      tokens.push({ kind: 'num', value: m });
      i += m.length;
    } else if (/[A-Za-z_$]/.test(c)) {
      const m = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(src.slice(i))![0];
      tokens.push({ kind: 'id', value: m });
      i += m.length;
    } else {
      const op = ['?.', '==', '!=', '&&', '||'].find((o) => src.startsWith(o, i)) ?? c;
      if (!['?.', '==', '!=', '&&', '||', '.', '!', '(', ')'].includes(op)) {
        throw new SyntaxError(`Unsupported "${op}" in filter expression`);
      }
      tokens.push({ kind: 'op', value: op });
      i += op.length;
    }
  }
  return tokens;
}

export function evaluateFilter(expression: string, scope: Record<string, unknown>): boolean {
  const tokens = tokenize(expression);
  let pos = 0;
  const peek = () => tokens[pos];
  const take = (value?: string) => {
    const t = tokens[pos];
    if (!t || (value !== undefined && t.value !== value)) throw new SyntaxError(`Expected ${value ?? 'a value'} in filter expression`);
    pos += 1;
    return t;
  };
  const or = (): unknown => {
    let left = and();
    while (peek()?.value === '||') {
      take();
      const right = and();
      left = Boolean(left) || Boolean(right);
    }
    return left;
  };
  const and = (): unknown => {
    let left = equality();
    while (peek()?.value === '&&') {
      take();
      const right = equality();
      left = Boolean(left) && Boolean(right);
    }
    return left;
  };
  const equality = (): unknown => {
    const left = unary();
    const op = peek()?.value;
    if (op === '==' || op === '!=') {
      take();
      const right = unary();
      return op === '==' ? left === right : left !== right;
    }
    return left;
  };
  const unary = (): unknown => {
    if (peek()?.value === '!') {
      take();
      return !unary();
    }
    return member();
  };
  const member = (): unknown => {
    const t = take();
    let value: unknown;
    if (t.kind === 'str') value = t.value;
    else if (t.kind === 'num') value = Number(t.value);
    else if (t.value === '(') {
      value = or();
      take(')');
    } else if (t.kind === 'id') {
      value = t.value === 'true' ? true : t.value === 'false' ? false : t.value === 'null' ? null : scope[t.value];
    } else throw new SyntaxError(`Unexpected "${t.value}" in filter expression`);
    while (peek()?.value === '.' || peek()?.value === '?.') {
      const optional = take().value === '?.';
      const name = take().value;
      if (value === null || value === undefined) {
        if (!optional) throw new TypeError(`Cannot read "${name}" of ${String(value)}`);
        value = undefined;
      } else value = (value as Record<string, unknown>)[name];
    }
    return value ?? null;
  };
  const result = or();
  if (pos !== tokens.length) throw new SyntaxError('Unexpected trailing tokens in filter expression');
  return Boolean(result);
}
