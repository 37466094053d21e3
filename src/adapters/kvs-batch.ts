// Reading many KVS keys at once, within Forge's limit of 25 keys per batch operation. A key that is not stored
// comes back as KEY_NOT_FOUND and is simply absent from the result; any other failure is a storage error and is
// thrown, never mistaken for "nothing stored" (which would make a saved pilot look new).
import { kvs } from '@forge/kvs';

/** Forge: "Each batch operation can contain a maximum of 25 keys." */
export const MAX_BATCH_KEYS = 25;

export async function batchRead(keys: string[]): Promise<Map<string, unknown>> {
  const found = new Map<string, unknown>();
  for (let i = 0; i < keys.length; i += MAX_BATCH_KEYS) {
    const chunk = keys.slice(i, i + MAX_BATCH_KEYS);
    const result = await kvs.batchGet<unknown>(chunk.map((key) => ({ key })));
    for (const item of result.successfulKeys) found.set(item.key, item.value);
    const failed = result.failedKeys.filter((f) => f.error?.code !== 'KEY_NOT_FOUND');
    if (failed.length > 0)
      throw new Error(
        `Reading ${failed.length} stored key(s) failed (${failed[0]?.error?.code ?? 'unknown'}); try again.`,
      );
  }
  return found;
}
