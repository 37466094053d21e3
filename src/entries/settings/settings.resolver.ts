import { settingsInputs } from '../../contract/schemas';
import { defineSurface, type CallContext } from '../../adapters/resolver-kit';
import { AppError } from '../../adapters/errors';
import { workflowGateCoverage } from '../../use-cases/workflow-gate-coverage.use-case';
import {
  adoptShippedTemplate,
  listShippedPilots,
  previewShippedTemplate,
} from '../../use-cases/shipped-template.use-case';
import {
  openSettings,
  previewGate,
  runSetup,
  updateSettings,
  type SettingsCaller,
} from '../../use-cases/settings.use-case';

function caller(context: CallContext): SettingsCaller {
  const project = context.extension.project;
  const projectId = typeof project === 'object' && project !== null ? (project as { id?: unknown }).id : undefined;
  if (typeof projectId !== 'string' && typeof projectId !== 'number')
    throw new AppError('NOT_FOUND', 'The settings page was opened without a project.');
  return { accountId: context.accountId, projectId: String(projectId) };
}

export const settingsResolver = defineSurface(settingsInputs, {
  'settings/load': async (_payload, context) => openSettings(caller(context)),
  'settings/setup': async (_payload, context) => runSetup(caller(context)),
  'settings/save': async ({ expectedVersion, settings }, context) =>
    updateSettings(caller(context), expectedVersion, settings),
  'settings/preview-gate': async ({ gate }, context) => previewGate(caller(context), gate),
  'settings/gate-coverage': async ({ apply }, context) => workflowGateCoverage(caller(context).projectId, apply),
  'settings/shipped-pilots': async (_payload, context) => listShippedPilots(caller(context)),
  'settings/shipped-preview': async ({ issueKey }, context) => previewShippedTemplate(caller(context), issueKey),
  'settings/shipped-adopt': async ({ expectedVersion, issueKey, proposal }, context) =>
    adoptShippedTemplate(caller(context), expectedVersion, issueKey, proposal),
});
