// The manifest's table of contents: one export per function module, nothing else.
export { panelResolver } from './entries/panel/panel.resolver';
export { settingsResolver } from './entries/settings/settings.resolver';
export { macroResolver } from './entries/macro/macro.resolver';
export { onPilotIssue } from './entries/pilot-issue/pilot-issue.trigger';
export { onInstalled } from './entries/installed/installed.trigger';
export { onUpgraded } from './entries/installed/upgraded.trigger';
export { validateGate } from './entries/gate/gate.validator';
export { stallScan } from './entries/stall-scan/stall-scan.trigger';
export { stallScanWorker } from './entries/stall-scan/stall-scan.worker';
export { portfolioRowsWorker } from './entries/portfolio-rows/portfolio-rows.worker';
export { personalDataReport } from './entries/personal-data/personal-data.trigger';
export { glanceStatus } from './entries/glance/glance-status.function';
export { macroAdfExport } from './entries/macro/macro-export.function';
export { listStalledPilotsAction, explainPilotAction, portfolioStatusAction } from './entries/rovo/coach.actions';
export { checkPilotGateAction, recordPilotDecisionAction } from './entries/automation/pilot.automation';
