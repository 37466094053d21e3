// The host's plain KVS prefix query reads a sorted key index (kept in place by the store's own writes, dropped when
// someone edits the state directly): it must answer exactly what a scan of every key would.
import { KvsStore } from '../../../host/kvs/kvs-store';

type Page = { data: Array<{ key: string; value: unknown }>; cursor?: string };
const query = (store: KvsStore, prefix: string, limit: number, after?: string) =>
  store.handle('/api/v1/query', {
    where: [{ property: 'key', condition: 'BEGINS_WITH', values: [prefix] }],
    limit,
    ...(after ? { after } : {}),
  }).body as Page;

function allPages(store: KvsStore, prefix: string, limit: number): string[] {
  const keys: string[] = [];
  let after: string | undefined;
  do {
    const page = query(store, prefix, limit, after);
    keys.push(...page.data.map((d) => d.key));
    after = page.cursor;
  } while (after);
  return keys;
}

it('pages a prefix in key order across writes, deletes, expiry and direct edits of the state', () => {
  let now = 1_000;
  const store = new KvsStore({}, () => now, 0);
  for (let i = 0; i < 250; i += 1)
    store.handle('/api/v1/set', { key: `p:${String((i * 37) % 250).padStart(3, '0')}`, value: i });
  store.handle('/api/v1/set', { key: 'q:1', value: 'other prefix' });
  const expected = () =>
    Object.keys(store.state)
      .filter((k) => k.startsWith('p:'))
      .sort();
  expect(allPages(store, 'p:', 100)).toEqual(expected());
  store.handle('/api/v1/delete', { key: 'p:007' });
  store.handle('/api/v1/set', { key: 'p:0075', value: 'new' });
  store.handle('/api/v1/set', { key: 'p:temp', value: 't', options: { ttl: { value: 1, unit: 'SECONDS' } } });
  expect(allPages(store, 'p:', 33)).toEqual(expected());
  now += 2_000;
  expect(allPages(store, 'p:', 33)).toEqual(expected().filter((k) => k !== 'p:temp'));
  // Someone edits the state behind the store's back: the next query still sees it.
  store.state['p:0000'] = { value: 'direct', createdAt: now, updatedAt: now, expiresAt: null };
  delete store.state['p:100'];
  expect(allPages(store, 'p:', 50)).toEqual(expected().filter((k) => k !== 'p:temp'));
  expect(query(store, 'p:', 10).data[0]).toEqual({ key: 'p:000', value: 0 });
});
