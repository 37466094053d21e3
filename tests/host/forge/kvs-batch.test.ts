// Batch operations take at most 25 keys, as Forge documents ("Each batch operation can contain a maximum of 25
// keys"); an empty batch fails entirely. The local store refuses what Forge refuses.
import { KvsStore } from '../../../host/kvs/kvs-store';

const keys = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `k:${i}` }));

it('reads a batch of 25 keys, and refuses 26 or none', () => {
  const kvs = new KvsStore({});
  expect(kvs.handle('/api/v1/set', { key: 'k:3', value: 1 }).status).toBe(204);
  const ok = kvs.handle('/api/v1/batch/get', keys(25));
  expect(ok.status).toBe(200);
  expect((ok.body as { successfulKeys: unknown[]; failedKeys: unknown[] }).successfulKeys).toEqual([
    { key: 'k:3', value: 1 },
  ]);
  expect((ok.body as { failedKeys: unknown[] }).failedKeys).toHaveLength(24);
  expect(kvs.handle('/api/v1/batch/get', keys(26))).toMatchObject({ status: 400 });
  expect(kvs.handle('/api/v1/batch/get', [])).toMatchObject({ status: 400 });
});

it('writes a batch of 25 items, and refuses 26', () => {
  const kvs = new KvsStore({});
  const items = (n: number) => keys(n).map(({ key }) => ({ key, value: key }));
  expect(kvs.handle('/api/v1/batch/set', items(25)).status).toBe(200);
  expect(kvs.handle('/api/v1/batch/set', items(26))).toMatchObject({ status: 400 });
  expect(kvs.handle('/api/v1/get', { key: 'k:25' }).status).toBe(404);
});
