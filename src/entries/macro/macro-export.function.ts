// The macro's adfExport function: Confluence calls it once per macro when a page is exported to PDF or Word, with
// the macro's saved config, for the exporting person; it answers with an ADF document. The config is found where
// Forge's docs put it (`context.extension.config`; `extensionPayload` for the export's own payload).
import { NeedsAuthenticationError } from '@forge/api';
import { z } from 'zod';
import { macroConfigSchema } from '../../contract/schemas';
import { toFailure } from '../../adapters/resolver-kit';
import { exportPortfolio, messageAdf, type AdfDoc } from '../../use-cases/portfolio-export.use-case';

const exportPayload = z.looseObject({
  exportType: z.enum(['pdf', 'word', 'other']).optional(),
  context: z.looseObject({ extension: z.looseObject({ config: z.unknown().optional() }).optional() }).optional(),
  extensionPayload: z.looseObject({ config: z.unknown().optional() }).optional(),
});

export async function macroAdfExport(payload: unknown): Promise<AdfDoc> {
  const parsed = exportPayload.safeParse(payload);
  const saved = parsed.success
    ? (parsed.data.context?.extension?.config ?? parsed.data.extensionPayload?.config)
    : undefined;
  const config = macroConfigSchema.safeParse(saved ?? {});
  if (!config.success) {
    return messageAdf(
      'AI pilot portfolio',
      'This portfolio macro is not configured: edit the macro on the page and choose projects or a JQL filter.',
    );
  }
  try {
    return await exportPortfolio(config.data);
  } catch (error) {
    if (error instanceof NeedsAuthenticationError) {
      return messageAdf(
        'AI pilot portfolio',
        'Open the page in Confluence and allow the app access to Jira, then export again.',
      );
    }
    const failure = toFailure(error);
    return messageAdf('AI pilot portfolio could not be exported', failure.ok ? '' : failure.error.message);
  }
}
