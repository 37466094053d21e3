// The host keeps custom entities with the rest of its KVS state: what `npm start` saves (data dir state.json) comes
// back on the next start, and the host's store knows the entities manifest.yml declares.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WhereConditions, kvs } from '@forge/kvs';
import { LocalHost } from '../../host/host';

const dataDir = mkdtempSync(join(tmpdir(), 'entities-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const start = () => new LocalHost({ dataDir, msPerRetrySecond: 5, reportGiveUps: false });

it('saves entities with the KVS state and restores them on the next start', async () => {
  const first = start();
  await kvs
    .entity('pilot-row')
    .set('pilot:1', { issueId: '10001', projectId: '100', rank: 'r1', scoreKey: '4:r1', data: { any: ['thing'] } });
  await kvs.set('plain:1', 'kept');
  await expect(kvs.entity('pilot-row').set('pilot:2', { stalled: 'very' })).rejects.toMatchObject({
    code: 'INVALID_ENTITY_VALUE',
  });
  await first.close();
  const saved = JSON.parse(readFileSync(join(dataDir, 'state.json'), 'utf8')) as {
    kvsEntities: Record<string, Record<string, unknown>>;
    kvs: Record<string, unknown>;
  };
  expect(Object.keys(saved.kvsEntities['pilot-row']!)).toEqual(['pilot:1']);
  expect(saved.kvs['pilot:1']).toBeUndefined();

  const second = start();
  try {
    const page = await kvs
      .entity('pilot-row')
      .query()
      .index('scoreKey')
      .where(WhereConditions.beginsWith('4:'))
      .getMany();
    expect(page.results).toEqual([
      {
        key: 'pilot:1',
        value: { issueId: '10001', projectId: '100', rank: 'r1', scoreKey: '4:r1', data: { any: ['thing'] } },
      },
    ]);
    expect(await kvs.get('plain:1')).toBe('kept');
  } finally {
    await second.close();
  }
});
