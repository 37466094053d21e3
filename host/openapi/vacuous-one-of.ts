// Some `oneOf`s in Atlassian's documents list branches that are open objects with no required property, e.g.
// Confluence's createPage body: `oneOf: [PageBodyWrite {representation, value}, PageNestedBodyWrite {storage,
// atlas_doc_format, wiki}]`. Read literally, every object matches every such branch (vacuously), so no request
// could ever pass and the check would refuse all of them. The documents mean "one of these shapes": here a branch
// counts only when the instance uses at least one of its declared properties. The branch's own rules (enums, types)
// still apply, so `{ representation: 'html' }` is refused as before.
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function resolve(doc: Obj, node: unknown): unknown {
  if (!isObj(node) || typeof node.$ref !== 'string' || !node.$ref.startsWith('#/')) return node;
  return node.$ref
    .slice(2)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((at, key) => (isObj(at) ? at[key] : undefined), doc);
}

function openPropertiesOf(doc: Obj, branch: unknown): string[] | null {
  const schema = resolve(doc, branch);
  if (!isObj(schema) || !isObj(schema.properties)) return null;
  if (schema.type !== undefined && schema.type !== 'object') return null;
  if (Array.isArray(schema.required) && schema.required.length > 0) return null;
  if (schema.additionalProperties === false) return null;
  const names = Object.keys(schema.properties);
  return names.length ? names : null;
}

/** Rewrites, in place, every `oneOf` whose branches are all open objects so that a branch needs one of its properties. */
export function tightenVacuousOneOfs(doc: Obj): number {
  let changed = 0;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!isObj(node)) return;
    for (const value of Object.values(node)) walk(value);
    const branches = node.oneOf;
    if (!Array.isArray(branches) || branches.length < 2) return;
    const props = branches.map((b) => openPropertiesOf(doc, b));
    if (props.some((p) => p === null)) return;
    node.oneOf = branches.map((b, i) => ({
      allOf: [b, { anyOf: (props[i] as string[]).map((p) => ({ required: [p] })) }],
    }));
    changed += 1;
  };
  walk(doc);
  return changed;
}
