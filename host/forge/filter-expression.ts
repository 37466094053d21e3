// Evaluates the subset of Jira expressions that Forge trigger filters use over `event`, and that custom field
// formatters use over `value`: member access with optional chaining, string / number / boolean / null literals,
// template literals (`${…}`), == != && || ! + , the conditional `a ? b : c` and parentheses.
type Token = { kind: 'str' | 'num' | 'id' | 'op' | 'tpl'; value: string };

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) i += 1;
    else if (c === '`') {
      let end = i + 1;
      let depth = 0;
      while (end < src.length && !(src[end] === '`' && depth === 0)) {
        if (src.startsWith('${', end)) {
          depth += 1;
          end += 1;
        } else if (src[end] === '}' && depth > 0) depth -= 1;
        end += 1;
      }
      if (end >= src.length) throw new SyntaxError(`Unterminated template in expression at ${i}`);
      tokens.push({ kind: 'tpl', value: src.slice(i + 1, end) });
      i = end + 1;
    } else if (c === "'" || c === '"') {
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
      if (!['?.', '==', '!=', '&&', '||', '.', '!', '(', ')', '?', ':', '+'].includes(op)) {
        throw new SyntaxError(`Unsupported "${op}" in filter expression`);
      }
      tokens.push({ kind: 'op', value: op });
      i += op.length;
    }
  }
  return tokens;
}

export function evaluateFilter(expression: string, scope: Record<string, unknown>): boolean {
  return Boolean(evaluateExpression(expression, scope));
}

/** Fills a template literal's `${…}` parts, each evaluated over the same scope. */
function fillTemplate(raw: string, scope: Record<string, unknown>): string {
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const start = raw.indexOf('${', i);
    if (start < 0) return out + raw.slice(i);
    out += raw.slice(i, start);
    let depth = 1;
    let end = start + 2;
    for (; end < raw.length && depth > 0; end += 1) {
      if (raw[end] === '{') depth += 1;
      else if (raw[end] === '}') depth -= 1;
    }
    out += String(evaluateExpression(raw.slice(start + 2, end - 1), scope));
    i = end;
  }
  return out;
}

export function evaluateExpression(expression: string, scope: Record<string, unknown>): unknown {
  const tokens = tokenize(expression);
  let pos = 0;
  type Node = () => unknown;
  const peek = () => tokens[pos];
  const take = (value?: string) => {
    const t = tokens[pos];
    if (!t || (value !== undefined && t.value !== value))
      throw new SyntaxError(`Expected ${value ?? 'a value'} in expression`);
    pos += 1;
    return t;
  };
  // Parsed into closures first, so `a ? b : c` and && || evaluate only the branch they take.
  const conditional = (): Node => {
    const test = or();
    if (peek()?.value !== '?') return test;
    take('?');
    const yes = conditional();
    take(':');
    const no = conditional();
    return () => (test() ? yes() : no());
  };
  const or = (): Node => {
    let left = and();
    while (peek()?.value === '||') {
      take();
      const [l, r] = [left, and()];
      left = () => Boolean(l()) || Boolean(r());
    }
    return left;
  };
  const and = (): Node => {
    let left = equality();
    while (peek()?.value === '&&') {
      take();
      const [l, r] = [left, equality()];
      left = () => Boolean(l()) && Boolean(r());
    }
    return left;
  };
  const equality = (): Node => {
    const left = additive();
    const op = peek()?.value;
    if (op === '==' || op === '!=') {
      take();
      const right = additive();
      return op === '==' ? () => left() === right() : () => left() !== right();
    }
    return left;
  };
  const additive = (): Node => {
    let left = unary();
    while (peek()?.value === '+') {
      take();
      const [l, r] = [left, unary()];
      left = () => {
        const a = l();
        const b = r();
        return typeof a === 'number' && typeof b === 'number' ? a + b : String(a) + String(b);
      };
    }
    return left;
  };
  const unary = (): Node => {
    if (peek()?.value === '!') {
      take();
      const operand = unary();
      return () => !operand();
    }
    return member();
  };
  const member = (): Node => {
    const t = take();
    let base: Node;
    if (t.kind === 'str') base = () => t.value;
    else if (t.kind === 'tpl') base = () => fillTemplate(t.value, scope);
    else if (t.kind === 'num') base = () => Number(t.value);
    else if (t.value === '(') {
      base = conditional();
      take(')');
    } else if (t.kind === 'id') {
      base = () =>
        t.value === 'true' ? true : t.value === 'false' ? false : t.value === 'null' ? null : scope[t.value];
    } else throw new SyntaxError(`Unexpected "${t.value}" in expression`);
    const steps: Array<{ optional: boolean; name: string }> = [];
    while (peek()?.value === '.' || peek()?.value === '?.') {
      const optional = take().value === '?.';
      steps.push({ optional, name: take().value });
    }
    return () => {
      let value = base();
      for (const { optional, name } of steps) {
        if (value === null || value === undefined) {
          if (!optional) throw new TypeError(`Cannot read "${name}" of ${String(value)}`);
          value = undefined;
        } else value = (value as Record<string, unknown>)[name];
      }
      return value ?? null;
    };
  };
  const root = conditional();
  if (pos !== tokens.length) throw new SyntaxError('Unexpected trailing tokens in expression');
  return root();
}
