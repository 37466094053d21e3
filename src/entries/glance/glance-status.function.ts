// jira:issueContext dynamicProperties: Jira calls this for the collapsed glance and shows the returned status.
// It runs as the person viewing the issue, so an issue they cannot browse, or one that is not an AI Pilot, gets
// no status (Jira then shows the manifest's defaults) and nothing about it leaves the function.
import { NeedsAuthenticationError } from '@forge/api';
import { z } from 'zod';
import { AppError, ProductError } from '../../adapters/errors';
import { pilotGlance } from '../../use-cases/glance.use-case';

const payloadSchema = z.looseObject({
  extension: z.looseObject({ issue: z.looseObject({ key: z.string().min(1) }) }),
});

export interface GlanceProperties {
  status?: { type: 'lozenge'; value: { label: string; type: string } };
}

export async function glanceStatus(payload: unknown, context?: unknown): Promise<GlanceProperties> {
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) return {};
  const accountId = accountOf(context) ?? accountOf(payload) ?? '';
  try {
    const glance = await pilotGlance({ accountId, issueKey: parsed.data.extension.issue.key });
    return { status: { type: 'lozenge', value: { label: glance.label.slice(0, 255), type: glance.appearance } } };
  } catch (error) {
    // Not a pilot, not browsable, no record yet, consent not given: the glance keeps its default look.
    if (error instanceof AppError || error instanceof ProductError || error instanceof NeedsAuthenticationError)
      return {};
    throw error;
  }
}

function accountOf(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const id =
    (value as { accountId?: unknown; principal?: { accountId?: unknown } }).accountId ??
    (value as { principal?: { accountId?: unknown } }).principal?.accountId;
  return typeof id === 'string' ? id : null;
}
