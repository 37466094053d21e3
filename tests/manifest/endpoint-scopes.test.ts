// Forge's scope linter only sees `requestJira(route`...`, {method})` written out; the app's calls go through one
// wrapper (jira.client.ts) that takes a route value, so the linter cannot see them. This test reads every route
// the code names (route`...`, assumeTrustedRoute(...)) with the method beside it, finds its operation in the OpenAPI
// document, and fails when the manifest's scopes satisfy none of the operation's scope sets, when the call is not
// an operation of the document, when it sends a query parameter the operation does not document, or when the
// `endpoint` label it carries for errors names another operation. Any other way of reaching a product is refused.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import YAML from 'yaml';
import { createOpenApiChecker, satisfiedSet } from '../../host/openapi';

const root = resolve(__dirname, '..', '..');
const checker = createOpenApiChecker();

interface NamedCall {
  where: string;
  method: string;
  /** The path as written, each ${...} replaced by `{}`. */
  path: string;
  endpoint: string | null;
}

const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );

const PRODUCT_CALLS = /^request(Jira|Confluence|Atlassian|Bitbucket|Graph)$/;

function templateText(node: ts.TemplateLiteral | ts.StringLiteralLike): string {
  if (ts.isNoSubstitutionTemplateLiteral(node) || ts.isStringLiteral(node)) return node.text;
  return node.head.text + node.templateSpans.map((span) => `{}${span.literal.text}`).join('');
}

const calleeName = (call: ts.CallExpression): string | undefined =>
  ts.isIdentifier(call.expression)
    ? call.expression.text
    : ts.isPropertyAccessExpression(call.expression)
      ? call.expression.name.text
      : undefined;

function stringProperty(object: ts.ObjectLiteralExpression | undefined, name: string): string | null {
  const prop = object?.properties.find(
    (p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === name,
  );
  return prop && ts.isStringLiteralLike(prop.initializer) ? prop.initializer.text : null;
}

/** Every route the source names, and every product call whose route the test cannot read. */
export function namedCalls(files: string[]): { calls: NamedCall[]; unreadable: string[] } {
  const calls: NamedCall[] = [];
  const unreadable: string[] = [];
  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    const where = (node: ts.Node) =>
      `${relative(root, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const record = (node: ts.Node, path: string) => {
      // The options beside the route: the wrapper's request object, or requestJira's second argument.
      let up: ts.Node = node.parent;
      while (ts.isConditionalExpression(up) || ts.isParenthesizedExpression(up) || ts.isPropertyAssignment(up))
        up = up.parent;
      let options: ts.ObjectLiteralExpression | undefined;
      if (ts.isObjectLiteralExpression(up)) options = up;
      else if (ts.isCallExpression(up) && PRODUCT_CALLS.test(calleeName(up) ?? '')) {
        const second = up.arguments[1];
        options = second && ts.isObjectLiteralExpression(second) ? second : undefined;
      }
      // A method written as anything but a literal would be taken for GET and checked against the wrong operation.
      const methodProp = options?.properties.find(
        (p) =>
          (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) &&
          ts.isIdentifier(p.name) &&
          p.name.text === 'method',
      );
      if (methodProp && !(ts.isPropertyAssignment(methodProp) && ts.isStringLiteralLike(methodProp.initializer)))
        unreadable.push(`${where(methodProp)} ${methodProp.getText(source)}`);
      calls.push({
        where: where(node),
        method: stringProperty(options, 'method') ?? 'GET',
        path,
        endpoint: stringProperty(options, 'endpoint'),
      });
    };
    const visit = (node: ts.Node) => {
      if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && node.tag.text === 'route')
        record(node, templateText(node.template));
      if (ts.isCallExpression(node)) {
        const name = calleeName(node);
        const arg = node.arguments[0];
        if (name === 'assumeTrustedRoute' || name === 'routeFromAbsolute') {
          if (arg && (ts.isTemplateLiteral(arg) || ts.isStringLiteralLike(arg))) record(node, templateText(arg));
          else unreadable.push(`${where(node)} ${name}(…)`);
        }
        if (name && PRODUCT_CALLS.test(name)) {
          const readable =
            arg && ts.isTaggedTemplateExpression(arg) && ts.isIdentifier(arg.tag) && arg.tag.text === 'route';
          if (!readable) unreadable.push(`${where(node)} ${name}(${arg ? arg.getText(source) : ''})`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { calls, unreadable };
}

const manifestScopes = (
  YAML.parse(readFileSync(join(root, 'manifest.yml'), 'utf8')) as { permissions: { scopes: string[] } }
).permissions.scopes;
const { calls, unreadable } = namedCalls(walk(join(root, 'src')));
/** The path with each `{}` filled, so it matches the document's templated segments. */
const concrete = (path: string) => path.replace(/\{\}/g, '1');
/** The query as written, without parameters whose names are computed (`&${query}`: the test cannot read those). */
const writtenQuery = (path: string) => {
  const [base, query] = path.split('?');
  const parts = (query ?? '').split('&').filter((part) => part && !part.startsWith('{}'));
  return parts.length ? `${base}?${parts.join('&')}` : base!;
};

/** What is wrong with one named call: no operation, scopes not granted, a wrong endpoint label, an unknown query parameter. */
function problems(call: NamedCall, scopes: string[]): string[] {
  const found = checker.scopeSets({ method: call.method, path: concrete(call.path.split('?')[0]!) });
  if (!found) return [`${call.where}: ${call.method} ${call.path} is not an operation of the OpenAPI documents`];
  const out: string[] = [];
  if (!satisfiedSet(scopes, found.scopeSets)) {
    out.push(
      `${call.where}: ${found.operationId} needs one of ${found.scopeSets.map((s) => `[${s.join(', ')}]`).join(' or ')}; manifest.yml grants ${scopes.join(', ')}`,
    );
  }
  // Confluence's document writes paths relative to /wiki/api/v2; the label names the path the app sends.
  const sent = found.operationId.startsWith('confluence:') ? `/wiki/api/v2${found.template}` : found.template;
  if (call.endpoint !== null && call.endpoint !== `${call.method} ${sent}`)
    out.push(`${call.where}: labelled '${call.endpoint}' but calls ${call.method} ${found.template}`);
  const check = checker.checkRequest({
    method: call.method,
    path: concrete(writtenQuery(call.path)),
    headers: {},
    body: undefined,
  });
  out.push(...check.violations.filter((v) => v.includes('unknown parameter')).map((v) => `${call.where}: ${v}`));
  return out;
}

describe('every endpoint the code names', () => {
  it('is read from route literals: the only product calls taking a route value are the one wrapper per product', () => {
    expect(unreadable).toEqual([
      expect.stringMatching(/^src\/adapters\/confluence\/confluence\.client\.ts:\d+ requestConfluence\(req\.route\)$/),
      expect.stringMatching(/^src\/adapters\/jira\/jira\.client\.ts:\d+ requestJira\(req\.route\)$/),
    ]);
    expect(calls.length).toBeGreaterThanOrEqual(20);
  });

  it.each(calls.map((c) => [`${c.method} ${c.path.split('?')[0]}`, c] as const))(
    '%s is a documented operation whose scopes the manifest grants',
    (_label, call) => {
      expect(problems(call, manifestScopes)).toEqual([]);
    },
  );
});

describe('the check can fail', () => {
  const planted = join(root, 'tests', 'fixtures', 'planted-calls.ts.txt');

  it('names a call the manifest lacks the scope for, a call outside the document, a wrong label and an unknown query parameter', () => {
    const found = namedCalls([planted]);
    expect(found.unreadable).toEqual([
      'tests/fixtures/planted-calls.ts.txt:9 requestJira(path)',
      'tests/fixtures/planted-calls.ts.txt:12 method: verb',
    ]);
    expect(found.calls.flatMap((c) => problems(c, manifestScopes))).toEqual([
      expect.stringMatching(
        /planted-calls\.ts\.txt:3: .*needs one of \[read:jira-work, manage:jira-webhook\] or \[read:webhook:jira.*\]; manifest\.yml grants/,
      ),
      'tests/fixtures/planted-calls.ts.txt:4: POST /rest/api/3/pilot/{}/everything is not an operation of the OpenAPI documents',
      "tests/fixtures/planted-calls.ts.txt:6: labelled 'GET /rest/api/3/issue' but calls GET /rest/api/3/issue/{issueIdOrKey}",
      "tests/fixtures/planted-calls.ts.txt:6: query has unknown parameter 'notifyUsers'",
    ]);
  });

  it('finds the screen calls that need manage:jira-project when the manifest lacks it', () => {
    const without = manifestScopes.filter((s) => s !== 'manage:jira-project');
    const failing = calls
      .filter((c) => problems(c, without).length > 0)
      .map((c) => `${c.method} ${c.path.split('?')[0]}`);
    expect(failing).toEqual(
      expect.arrayContaining([
        'GET /rest/api/3/screenscheme',
        'GET /rest/api/3/screens/{}/tabs',
        'GET /rest/api/3/screens/{}/tabs/{}/fields',
        'POST /rest/api/3/screens/{}/tabs/{}/fields',
      ]),
    );
  });
});
