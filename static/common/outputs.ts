// What each resolver key answers with, so the one `callBackend` wrapper is typed end to end. Panel views live in
// the contract; the settings page's views are still declared next to their use cases, so they are imported as
// types only here (erased at build time: no server code reaches the bundle).
import type { z } from 'zod';
import type { panelInputs, settingsInputs, PanelKey, SettingsKey, Settings } from '@contract/schemas';
import type { PanelView, UserOption } from '@contract/views';
import type { GatePreviewRow, SettingsPageView } from '../../src/use-cases/settings.use-case';
import type { SetupReport, SetupStep, StepState } from '../../src/use-cases/project-setup.use-case';
import type { AuditEntry, StoredSettings } from '../../src/adapters/settings.store';

export type { AuditEntry, GatePreviewRow, PanelView, SettingsPageView, SetupReport, SetupStep, StepState, StoredSettings, UserOption };

export interface BackendOutputs {
  'panel/load': PanelView;
  'panel/save': PanelView;
  'panel/decide': PanelView;
  'panel/waive': PanelView;
  'panel/revoke-waiver': PanelView;
  'panel/find-users': UserOption[];
  'settings/load': SettingsPageView;
  'settings/setup': SetupReport;
  'settings/save': SettingsPageView;
  'settings/preview-gate': GatePreviewRow[];
}

export type BackendInputs = { [K in PanelKey]: z.input<(typeof panelInputs)[K]> } & {
  [K in SettingsKey]: z.input<(typeof settingsInputs)[K]>;
};

export type BackendKey = keyof BackendOutputs & keyof BackendInputs;

/** The settings as the page stores them (re-exported so apps need not reach into the contract for a type). */
export type { Settings };
