// KVS expiry lags as Forge documents: a key past its TTL may still be returned (and still blocks FAIL_IF_EXISTS)
// for up to 48 hours, until the store deletes it. The clock is injected, so nothing here waits.
import { KvsStore, MAX_EXPIRY_LAG_MS } from '../../../host/kvs/kvs-store';

const T0 = Date.parse('2026-03-01T12:00:00.000Z');

function store(lagMs?: number) {
  const now = { value: T0 };
  const kvs = new KvsStore({}, () => now.value, lagMs);
  const set = (key: string, options?: unknown) => kvs.handle('/api/v1/set', { key, value: { at: 'x' }, options });
  const get = (key: string) => kvs.handle('/api/v1/get', { key });
  return { kvs, now, set, get };
}

const ONE_MINUTE = { ttl: { value: 1, unit: 'MINUTES' } };

it('still returns a key after its TTL, until the 48 h lag has passed', () => {
  const { now, set, get } = store();
  expect(set('claim:1', ONE_MINUTE).status).toBe(204);
  now.value = T0 + 61_000;
  expect(get('claim:1').status).toBe(200);
  now.value = T0 + 60_000 + MAX_EXPIRY_LAG_MS - 1;
  expect(get('claim:1').status).toBe(200);
  now.value = T0 + 60_000 + MAX_EXPIRY_LAG_MS;
  expect(get('claim:1')).toMatchObject({ status: 404, body: { code: 'KEY_NOT_FOUND' } });
});

it('keeps refusing FAIL_IF_EXISTS on an expired key that has not been deleted yet', () => {
  const { now, set } = store();
  set('claim:2', { ...ONE_MINUTE, keyPolicy: 'FAIL_IF_EXISTS' });
  now.value = T0 + 3_600_000;
  expect(set('claim:2', { ...ONE_MINUTE, keyPolicy: 'FAIL_IF_EXISTS' })).toMatchObject({
    status: 409,
    body: { code: 'KEY_ALREADY_EXISTS' },
  });
});

it('lists expired keys in queries until they are deleted', () => {
  const { kvs, now, set } = store();
  set('claim:3', ONE_MINUTE);
  now.value = T0 + 3_600_000;
  expect(
    kvs.handle('/api/v1/query', { where: [{ property: 'key', condition: 'BEGINS_WITH', values: ['claim:'] }] }).body,
  ).toMatchObject({ data: [{ key: 'claim:3' }] });
});

it('deletes expired keys (only those) when purged, and at once with no lag', () => {
  const { kvs, now, set, get } = store();
  set('claim:4', ONE_MINUTE);
  set('keep', undefined);
  expect(kvs.purgeExpired()).toBe(0);
  now.value = T0 + 61_000;
  expect(kvs.purgeExpired()).toBe(1);
  expect(get('claim:4').status).toBe(404);
  expect(get('keep').status).toBe(200);

  const instant = store(0);
  instant.set('claim:5', ONE_MINUTE);
  instant.now.value = T0 + 60_000;
  expect(instant.get('claim:5').status).toBe(404);
});
