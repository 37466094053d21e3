// Jira dashboards as far as Forge gadgets need them: each person's own dashboard, the gadgets on it, and each
// gadget's configuration (what its edit view handed to view.submit), kept per gadget as Jira keeps it. Jira
// refuses a `refresh` that is not a positive whole number of minutes (Forge docs, jira-dashboard-gadget) and lets
// only the dashboard's owner configure its gadgets.
import { randomUUID } from 'node:crypto';

export interface GadgetRec {
  id: string;
  dashboardId: string;
  moduleKey: string;
  configuration: Record<string, unknown> | null;
}

export class GadgetConfigRefused extends Error {}

export class Dashboards {
  /** Gadgets shown in their edit view right now (a person chose Configure, or just added the gadget). */
  readonly editing = new Set<string>();

  constructor(readonly gadgets: GadgetRec[] = []) {}

  /** Everyone has a dashboard of their own; its id is stable per person. */
  dashboardOf(accountId: string): string {
    return `dash-${accountId}`;
  }

  onDashboard(dashboardId: string): GadgetRec[] {
    return this.gadgets.filter((g) => g.dashboardId === dashboardId);
  }

  add(dashboardId: string, moduleKey: string): GadgetRec {
    const gadget: GadgetRec = { id: randomUUID(), dashboardId, moduleKey, configuration: null };
    this.gadgets.push(gadget);
    this.editing.add(gadget.id);
    return gadget;
  }

  find(id: string): GadgetRec | undefined {
    return this.gadgets.find((g) => g.id === id);
  }

  remove(id: string): void {
    const index = this.gadgets.findIndex((g) => g.id === id);
    if (index >= 0) this.gadgets.splice(index, 1);
    this.editing.delete(id);
  }

  /** What view.submit in a gadget's edit view does. */
  configure(id: string, byAccountId: string, submitted: unknown): GadgetRec {
    const gadget = this.find(id);
    if (!gadget) throw new GadgetConfigRefused('This gadget is no longer on the dashboard.');
    if (gadget.dashboardId !== this.dashboardOf(byAccountId))
      throw new GadgetConfigRefused('Only the dashboard owner can configure its gadgets.');
    if (typeof submitted !== 'object' || submitted === null || Array.isArray(submitted))
      throw new GadgetConfigRefused('A gadget configuration must be an object.');
    const refresh = (submitted as { refresh?: unknown }).refresh;
    if (refresh !== undefined && !(typeof refresh === 'number' && Number.isInteger(refresh) && refresh > 0)) {
      throw new GadgetConfigRefused('refresh must be a positive integer (minutes).');
    }
    gadget.configuration = JSON.parse(JSON.stringify(submitted)) as Record<string, unknown>;
    this.editing.delete(id);
    return gadget;
  }
}
