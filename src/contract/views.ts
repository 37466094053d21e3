// What resolvers send back to the Custom UI apps. Types only: the UI renders them, the server builds them.
import type { PilotAssessment } from '../core/assessment';
import type { IsoDate } from '../core/dates';
import type { WorkstreamState } from '../core/pilot';
import type { Settings } from './schemas';

export interface WorkstreamView {
  rowId: string;
  name: string;
  ownerTeam: string;
  issueId: string | null;
  issueKey: string | null;
  state: WorkstreamState | 'missing';
  dueDate: IsoDate | null;
}

export interface PilotRecordView {
  version: number;
  pilot: import('../core/pilot').Pilot;
  waivers: import('../core/gate').Waiver[];
  productionSpecUrl: string | null;
  displayNames: Record<string, string>;
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface PanelView {
  issue: { id: string; key: string; summary: string; projectId: string; projectKey: string; statusName: string | null };
  today: IsoDate;
  record: PilotRecordView;
  assessment: PilotAssessment;
  workstreams: WorkstreamView[];
  seeding: 'complete' | 'pending';
  permissions: { canEdit: boolean; canAdminister: boolean };
  settings: Settings;
}

export interface UserOption {
  accountId: string;
  displayName: string;
}
