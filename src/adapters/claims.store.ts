// Claims: a KVS key taken atomically (FAIL_IF_EXISTS) by exactly one caller, with a TTL so a claim left behind by
// a run that died does not block for ever. Forge deletes expired keys late (up to 48 hours after their TTL), and
// until then the key still exists and still refuses FAIL_IF_EXISTS, so the TTL alone cannot free a claim in time.
// Each claim therefore carries its own deadline, and a claim past it is taken over; the take-over is itself a
// claim on that stale claim's deadline, so of several callers finding the same stale claim exactly one wins.
import { kvs } from '@forge/kvs';
import { z } from 'zod';

const claimValue = z.object({ at: z.string(), until: z.string().optional() });

/** True when this caller took the key; false when someone else holds it and their claim has not expired. */
export async function claim(key: string, ttlSeconds = 86_400): Promise<boolean> {
  const now = Date.now();
  if (await setIfAbsent(key, now, ttlSeconds)) return true;
  const held = claimValue.safeParse(await kvs.get(key));
  // A value we cannot read is held: better a retry later than two holders.
  if (!held.success) return false;
  const until = Date.parse(held.data.until ?? '') || Date.parse(held.data.at) + ttlSeconds * 1000;
  if (!Number.isFinite(until) || until > now) return false;
  // Expired by its own deadline but not yet deleted by the store: one caller takes it over.
  if (!(await setIfAbsent(`${key}#over#${until}`, now, ttlSeconds))) return false;
  await kvs.set(key, value(now, ttlSeconds), { ttl: { value: ttlSeconds, unit: 'SECONDS' } });
  return true;
}

function value(now: number, ttlSeconds: number) {
  return { at: new Date(now).toISOString(), until: new Date(now + ttlSeconds * 1000).toISOString() };
}

async function setIfAbsent(key: string, now: number, ttlSeconds: number): Promise<boolean> {
  try {
    await kvs.set(key, value(now, ttlSeconds), {
      keyPolicy: 'FAIL_IF_EXISTS',
      ttl: { value: ttlSeconds, unit: 'SECONDS' },
    });
    return true;
  } catch (error) {
    if (isAlreadyExists(error)) return false;
    throw error;
  }
}

export function isAlreadyExists(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { code?: unknown; responseDetails?: { status?: unknown } };
  return e.responseDetails?.status === 409 || (typeof e.code === 'string' && /EXIST|CONFLICT/i.test(e.code));
}

/** Gives a claim back. Best effort: a release that fails leaves the claim to its own deadline, and the error the caller sees is the one that made it give the claim back. */
export async function releaseClaim(key: string): Promise<void> {
  try {
    await kvs.delete(key);
  } catch (error) {
    console.warn(`Could not release ${key}: ${String(error)}`);
  }
}
