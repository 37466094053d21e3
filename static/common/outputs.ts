// What each resolver key answers with, so the one `callBackend` wrapper is typed end to end. All view types come
// from the contract (types only: no server code reaches the bundle).
import type { z } from 'zod';
import type {
  macroInputs,
  panelInputs,
  settingsInputs,
  MacroConfig,
  MacroKey,
  PanelKey,
  SettingsKey,
  Settings,
} from '@contract/schemas';
import type { PathwaySpacesView } from '@contract/views';
import type {
  GateCoverageView,
  GatePreviewRow,
  PanelView,
  PortfolioPayload,
  ProjectOption,
  SettingsPageView,
  SetupReport,
  UserOption,
} from '@contract/views';
import type { ShippedPilotOption, ShippedTemplatePreview } from '@contract/views';
import type { PortfolioFirstView, PortfolioRowsPage } from '@contract/views';

export type {
  ApprovalsView,
  BlockerView,
  ReviewerView,
  AuditEntry,
  GateCoverageView,
  GatePreviewRow,
  PanelView,
  PortfolioPayload,
  PortfolioRow,
  PortfolioView,
  ProjectOption,
  SettingsPageView,
  SetupReport,
  SetupStep,
  StepState,
  StoredSettings,
  UserOption,
} from '@contract/views';
export type { CycleTimeSummary } from '@contract/views';
export type { PortfolioFirstView, PortfolioRowsPage } from '@contract/views';
export type { ShippedPilotOption, ShippedTemplatePreview, TemplateSourceView } from '@contract/views';

export interface BackendOutputs {
  'panel/load': PanelView;
  'panel/save': PanelView;
  'panel/decide': PanelView;
  'panel/waive': PanelView;
  'panel/revoke-waiver': PanelView;
  'panel/find-users': UserOption[];
  'panel/approvals-update': PanelView;
  'panel/approvals-subtask': PanelView;
  'panel/save-criteria': PanelView;
  'panel/pathway-spaces': PathwaySpacesView;
  'panel/create-pathway': PanelView;
  'settings/load': SettingsPageView;
  'settings/setup': SetupReport;
  'settings/save': SettingsPageView;
  'settings/preview-gate': GatePreviewRow[];
  'settings/gate-coverage': GateCoverageView;
  'settings/shipped-pilots': ShippedPilotOption[];
  'settings/shipped-preview': ShippedTemplatePreview;
  'settings/shipped-adopt': SettingsPageView;
  'portfolio/load': PortfolioPayload;
  'portfolio/projects': ProjectOption[];
  'portfolio/first': PortfolioFirstView;
  'portfolio/rows': PortfolioRowsPage;
}

export type BackendInputs = { [K in PanelKey]: z.input<(typeof panelInputs)[K]> } & {
  [K in SettingsKey]: z.input<(typeof settingsInputs)[K]>;
} & { [K in MacroKey]: z.input<(typeof macroInputs)[K]> };

export type BackendKey = keyof BackendOutputs & keyof BackendInputs;

/** The settings as the page stores them, and the macro's config (re-exported so apps need not reach into the contract for a type). */
export type { MacroConfig, Settings };
