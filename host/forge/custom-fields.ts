// The app's jira:customField modules as Jira sees them
// (https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-custom-field/):
// - an object field's formatter lives at `view.formatter.expression`; Jira shows the field through it, and an
//   object field without one is not searchable (no JQL aliases);
// - a schema property's JQL type follows its schema type: string → string, number/integer → number, and
//   **boolean → string** (`"Field".Alias = "true"`); `searchType` (date, user) overrides it.
import type { ForgeFieldDecl, SearchAliasType } from '../jira';
import { evaluateExpression } from './filter-expression';
import type { CustomFieldDecl, Manifest } from './manifest';

export function formatterOf(decl: CustomFieldDecl): string | null {
  return decl.view?.formatter?.expression ?? null;
}

function jqlType(property: { type: string; searchType?: string }): SearchAliasType {
  if (property.searchType === 'date' || property.searchType === 'user') return property.searchType;
  if (property.type === 'integer' || property.type === 'number') return 'number';
  return 'string'; // string, and boolean: Jira indexes a boolean property as the string "true" / "false"
}

export function forgeFields(manifest: Manifest): ForgeFieldDecl[] {
  return (manifest.modules['jira:customField'] ?? []).map((f) => {
    const searchable = f.type !== 'object' || formatterOf(f) !== null;
    const aliases = Object.entries(f.schema?.properties ?? {}).filter(([, p]) => p.searchAlias);
    return {
      key: f.key,
      name: f.name,
      type: f.type,
      readOnly: true,
      ...(searchable && aliases.length
        ? {
            searchAliases: Object.fromEntries(
              aliases.map(([prop, p]) => [prop, { alias: p.searchAlias!, type: jqlType(p) }]),
            ),
          }
        : {}),
    };
  });
}

/** What Jira shows for a Forge field's value: an object field through its manifest formatter. */
export function renderFieldValue(decl: CustomFieldDecl | undefined, value: unknown): string {
  const expression = decl ? formatterOf(decl) : null;
  if (decl?.type === 'object' && expression) {
    try {
      return String(evaluateExpression(expression, { value: value ?? null }));
    } catch (error) {
      return `Formatter error: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  if (value === null || value === undefined) return '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
