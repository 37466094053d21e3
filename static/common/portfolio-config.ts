// The portfolio config the Jira surfaces hand to the macro's resolver: the gadget's saved projects, or the global
// page's "every AI Pilot I may browse". Both go through the macro's own schema, so they mean what the macro means.
import { macroConfigSchema, type MacroConfig } from '@contract/schemas';

/** The global page: every AI Pilot the viewer may browse (Jira's permissions decide which). */
export const ALL_PILOTS: MacroConfig = macroConfigSchema.parse({ jql: 'issuetype = "AI Pilot"' });

/** What the gadget's edit view saves with view.submit (Jira keeps it per gadget as gadgetConfiguration). */
export interface GadgetConfiguration {
  projectKeys: string[];
  refresh?: number;
}

/** The gadget's saved configuration as the macro's config, or null until projects are picked. */
export function gadgetPortfolioConfig(gadgetConfiguration: unknown): MacroConfig | null {
  const saved =
    typeof gadgetConfiguration === 'object' && gadgetConfiguration !== null
      ? (gadgetConfiguration as { projectKeys?: unknown }).projectKeys
      : undefined;
  const parsed = macroConfigSchema.safeParse({ projectKeys: Array.isArray(saved) ? saved : [] });
  return parsed.success ? parsed.data : null;
}

export function savedRefresh(gadgetConfiguration: unknown): number | null {
  const refresh =
    typeof gadgetConfiguration === 'object' && gadgetConfiguration !== null
      ? (gadgetConfiguration as { refresh?: unknown }).refresh
      : undefined;
  return typeof refresh === 'number' && Number.isInteger(refresh) && refresh > 0 ? refresh : null;
}
