// Reads manifest.yml the way the platform does: which function runs each module, with which filter and limits.
import { readFileSync } from 'node:fs';
import YAML from 'yaml';

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
  schema?: { properties?: Record<string, { type: string; searchAlias?: string; searchType?: string }> };
}
export interface Manifest {
  app: { id: string };
  permissions: { scopes: string[] };
  modules: {
    function: FunctionDecl[];
    trigger?: TriggerDecl[];
    scheduledTrigger?: Array<{ key: string; function: string; interval: string }>;
    consumer?: Array<{ key: string; queue: string; resolver: { function: string; method: string } }>;
    'jira:workflowValidator'?: Array<{ key: string; function?: string; name: string }>;
    'jira:customField'?: CustomFieldDecl[];
    'jira:issuePanel'?: UiModuleDecl[];
    'jira:projectSettingsPage'?: UiModuleDecl[];
    macro?: Array<UiModuleDecl & { config?: { resource: string } }>;
  };
  resources: Array<{ key: string; path: string }>;
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
