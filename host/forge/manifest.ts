// Reads manifest.yml the way the platform does: which function runs each module, with which filter and limits.
import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import type { EntityDecl } from '../kvs/entity-store';

export interface FunctionDecl {
  key: string;
  handler: string;
  timeoutSeconds?: number;
}
export interface TriggerDecl {
  key: string;
  function: string;
  events: string[];
  filter?: { ignoreSelf?: boolean; expression?: string; onError?: string };
}
export interface CustomFieldDecl {
  key: string;
  name: string;
  description: string;
  type: 'number' | 'string' | 'date' | 'datetime' | 'object' | 'user' | 'group';
  /** Where Forge reads an object field's formatter (a Jira expression over `value` that returns a string). */
  view?: { formatter?: { expression?: string } };
  schema?: { properties?: Record<string, { type: string; searchAlias?: string; searchType?: string }> };
}
export interface Manifest {
  /** app.storage.entities: the Custom Entity Store's entities (host/kvs/entity-store.ts). */
  app: { id: string; storage?: { entities?: EntityDecl[] } };
  permissions: {
    scopes: string[];
    /** Custom UI content security: `styles: ['unsafe-inline']` lets the frames use inline styles. */
    content?: { scripts?: string[]; styles?: string[] };
    external?: Partial<
      Record<'fonts' | 'styles' | 'frames' | 'images' | 'media' | 'scripts', Array<string | { address: string }>>
    > & { fetch?: { client?: string[]; backend?: unknown[] } };
  };
  modules: {
    function: FunctionDecl[];
    trigger?: TriggerDecl[];
    scheduledTrigger?: Array<{ key: string; function: string; interval: string }>;
    consumer?: ConsumerDecl[];
    'jira:workflowValidator'?: Array<{ key: string; function?: string; name: string }>;
    'jira:customField'?: CustomFieldDecl[];
    'jira:issuePanel'?: UiModuleDecl[];
    'jira:projectSettingsPage'?: UiModuleDecl[];
    macro?: Array<UiModuleDecl & { config?: { resource: string }; adfExport?: { function: string } }>;
    'jira:issueContext'?: Array<
      UiModuleDecl & { label: string; status?: GlanceStatus; dynamicProperties?: { function: string } }
    >;
    'jira:dashboardGadget'?: Array<
      UiModuleDecl & { description: string; thumbnail: string; edit?: { resource: string }; refreshable?: boolean }
    >;
    'jira:globalPage'?: UiModuleDecl[];
  };
  resources: Array<{ key: string; path: string }>;
}
/**
 * A queue consumer. The async events v2 shape (what @forge/events 3 needs) names a `function`; the manifest schema
 * still accepts the v1 `resolver: { function, method }` shape, but a v2 event never reaches a resolver.
 */
export interface ConsumerDecl {
  key: string;
  queue: string;
  function?: string;
  resolver?: { function: string; method: string };
}
export interface UiModuleDecl {
  key: string;
  resource: string;
  resolver?: { function: string };
  title: string;
  /** jira:issuePanel: the button on the issue that adds the panel; https URL or resource-relative path. */
  icon?: string;
  /** jira:issuePanel: more than one instance (at most five) per issue; defaults to false. */
  allowMultiple?: boolean;
  displayConditions?: { issueType?: string };
}

export function readManifest(path: string): Manifest {
  return YAML.parse(readFileSync(path, 'utf8')) as Manifest;
}

export function functionDecl(manifest: Manifest, key: string): FunctionDecl {
  const decl = manifest.modules.function.find((f) => f.key === key);
  if (!decl) throw new Error(`manifest.yml has no function "${key}"`);
  return decl;
}

/** jira:issueContext `status` (manifest or dynamicProperties): a badge, lozenge or icon beside the label. */
export interface GlanceStatus {
  type: 'badge' | 'lozenge' | 'icon';
  value: { label: string; url?: string; type?: 'default' | 'inprogress' | 'moved' | 'new' | 'removed' | 'success' };
}
