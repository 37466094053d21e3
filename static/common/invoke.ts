// The only way the Custom UI apps reach their resolvers: one typed call per contract key, always answering with
// the envelope, so a bridge failure (network, iframe torn down) reads like any other error the UI handles.
import { invoke } from '@forge/bridge';
import type { Result } from '@contract/envelope';
import type { BackendInputs, BackendKey, BackendOutputs } from './outputs';

function isEnvelope(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  if (record.ok === true) return 'data' in record;
  if (record.ok !== false) return false;
  const error = record.error;
  return typeof error === 'object' && error !== null && typeof (error as Record<string, unknown>).code === 'string';
}

export async function callBackend<K extends BackendKey>(
  key: K,
  payload: BackendInputs[K],
): Promise<Result<BackendOutputs[K]>> {
  try {
    const answer: unknown = await invoke(key, payload);
    // The resolver builds the envelope from the same contract; its data is trusted as the declared view.
    if (isEnvelope(answer)) return answer as Result<BackendOutputs[K]>;
    return {
      ok: false,
      error: {
        code: 'INTERNAL',
        message: 'The app answered in a way this page does not understand. Reload the page and try again.',
      },
    };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      error: { code: 'INTERNAL', message: `Could not reach the app (${detail}). Check your connection and try again.` },
    };
  }
}
