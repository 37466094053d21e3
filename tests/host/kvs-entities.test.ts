// The local host's Custom Entity Store, driven by the unmodified @forge/kvs client through the Forge runtime globals
// (the path every app KVS call takes: latency, scope check, fault injection, then the store), against the entity
// manifest.yml declares (pilot-row). Each refusal is one Forge documents (mirror/storage-reference/entities-*,
// limits-kvs-ce, handling-errors-customentities); each test fails if the host stops refusing it.
import { join } from 'node:path';
import { Filter, FilterConditions, Sort, WhereConditions, kvs } from '@forge/kvs';
import { Faults } from '../../host/forge/faults';
import { Latency } from '../../host/forge/latency';
import { readManifest } from '../../host/forge/manifest';
import { installForgeGlobals } from '../../host/forge/runtime';
import { KvsStore } from '../../host/kvs/kvs-store';
import type { EntityDecl } from '../../host/kvs/entity-store';
import { ROW_ENTITY, ROW_INDEXES } from '../../src/adapters/portfolio.store';

interface Row {
  issueId?: string;
  projectId?: string;
  projectKey?: string;
  rank?: string;
  stallKey?: string;
  phase?: string;
  verdict?: string;
  score?: number;
  monthlyRunCost?: number;
  stalled?: boolean;
  decisionDue?: boolean;
  searchText?: string;
  day?: string;
  row?: unknown;
}

const manifest = readManifest(join(__dirname, '..', '..', 'manifest.yml'));
/**
 * A fixture entity with every attribute type (the app's own pilot-row keeps its sort keys as strings): the store
 * reads declarations in the manifest's shape, so the refusals below are those of any entity an app declares.
 */
const decls: EntityDecl[] = [
  {
    name: 'pilot-row',
    attributes: {
      issueId: { type: 'string' },
      projectId: { type: 'string' },
      projectKey: { type: 'string' },
      rank: { type: 'string' },
      stallKey: { type: 'string' },
      phase: { type: 'string' },
      verdict: { type: 'string' },
      score: { type: 'integer' },
      monthlyRunCost: { type: 'float' },
      stalled: { type: 'boolean' },
      decisionDue: { type: 'boolean' },
      searchText: { type: 'string' },
      day: { type: 'string' },
      row: { type: 'any' },
    },
    indexes: [
      'rank',
      'stallKey',
      { name: 'by-score', range: ['score'] },
      { name: 'by-cost', range: ['monthlyRunCost'] },
      { name: 'by-project', partition: ['projectId'], range: ['rank'] },
    ],
  },
];
let store: KvsStore;
const faults = new Faults();
const delays: number[] = [];
const latency = new Latency({ meanMs: 0, seed: 7, sleep: async (ms) => void delays.push(ms) });
let changes = 0;

installForgeGlobals({
  jira: { handle: () => Promise.reject(new Error('no Jira here')) },
  confluence: { handle: () => Promise.reject(new Error('no Confluence here')) },
  get kvs() {
    return store;
  },
  faults,
  latency,
  appId: 'ari:cloud:ecosystem::app/test',
  environmentId: 'env',
  installationId: 'inst',
  scopes: () => ['storage:app'],
  hasConsent: () => false,
  reportAccounts: () => ({ status: 404, body: {} }),
  onQueuePush: () => undefined,
  onKvsChange: () => void (changes += 1),
});

const rows = kvs.entity<Row>('pilot-row');
const row = (i: number, extra: Partial<Row> = {}): Row => ({
  issueId: String(10000 + i),
  projectId: i % 2 === 0 ? '100' : '200',
  projectKey: i % 2 === 0 ? 'PAY' : 'OPS',
  rank: `r${String(i).padStart(4, '0')}`,
  stallKey: 'no',
  phase: 'Build',
  verdict: 'go',
  score: i,
  monthlyRunCost: 10.5 * (i + 1),
  stalled: false,
  decisionDue: false,
  searchText: `pilot ${i}`,
  day: '2026-12-02',
  row: { id: i, nested: [1, { a: 'b' }] },
  ...extra,
});
/** Writes n rows (keys pilot:0..n-1) in batches of 25, as an app repairing the table would. */
async function seed(n: number, make: (i: number) => Row = row): Promise<void> {
  for (let start = 0; start < n; start += 25) {
    const items = Array.from({ length: Math.min(25, n - start) }, (_, j) => ({
      entityName: 'pilot-row',
      key: `pilot:${start + j}`,
      value: make(start + j),
    }));
    const result = await kvs.batchSet(items);
    expect(result.failedKeys).toEqual([]);
  }
}
const keysOf = (results: Array<{ key: string }>) => results.map((r) => r.key);
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => ({ status: 0, code: 'no refusal' }),
    (e: { code?: string; responseDetails?: { status: number } }) => ({
      status: e.responseDetails?.status ?? -1,
      code: e.code,
    }),
  );

beforeEach(() => {
  store = new KvsStore({}, () => Date.now(), undefined, decls);
  faults.clearTargeted();
});

it('reads the pilot-row entity manifest.yml declares, with the indexes the portfolio store queries', () => {
  const declared = manifest.app.storage?.entities ?? [];
  expect(declared.map((d) => d.name)).toEqual([ROW_ENTITY]);
  const names = (declared[0]?.indexes ?? []).map((i) => (typeof i === 'string' ? i : i.name));
  expect(names.sort()).toEqual(Object.values(ROW_INDEXES).sort());
  expect(names.length).toBeLessThanOrEqual(7);
});

describe('get, set and delete', () => {
  it('round-trips an entity through the SDK, metadata on request, and deletes it', async () => {
    await rows.set('pilot:1', row(1));
    expect(await rows.get('pilot:1')).toEqual(row(1));
    const withMeta = (await rows.get('pilot:1', {
      metadataFields: ['CREATED_AT' as never, 'UPDATED_AT' as never],
    })) as unknown as Record<string, unknown>;
    expect(withMeta).toMatchObject({
      key: 'pilot:1',
      value: row(1),
      createdAt: expect.any(Number),
      updatedAt: expect.any(Number),
    });
    expect(await rows.get('pilot:missing')).toBeUndefined();
    // Entities are their own namespace: the plain key of the same name is another value.
    expect(await kvs.get('pilot:1')).toBeUndefined();
    await rows.delete('pilot:1');
    await rows.delete('pilot:1'); // "This succeeds whether the key exists or not."
    expect(await rows.get('pilot:1')).toBeUndefined();
    expect(changes).toBeGreaterThan(0);
  });

  it('refuses FAIL_IF_EXISTS over an existing entity', async () => {
    await rows.set('pilot:1', row(1));
    expect(await refusal(rows.set('pilot:1', row(2), { keyPolicy: 'FAIL_IF_EXISTS' }))).toEqual({
      status: 409,
      code: 'KEY_ALREADY_EXISTS',
    });
    expect((await rows.get('pilot:1'))!.score).toBe(1);
  });

  it('refuses an undeclared entity and an invalid entity name', async () => {
    expect(await refusal(kvs.entity('pilot-rows').set('a', { rank: 'x' }))).toEqual({
      status: 400,
      code: 'INVALID_ENTITY_TYPE',
    });
    expect(await refusal(kvs.entity('pr').get('a'))).toEqual({ status: 400, code: 'ENTITY_TYPE_TOO_SHORT' });
    expect(await refusal(kvs.entity('Pilot-Row').get('a'))).toEqual({ status: 400, code: 'INVALID_ENTITY_TYPE' });
  });

  it.each<[string, Partial<Row> | Record<string, unknown>]>([
    ['an integer that is not whole', { score: 1.5 }],
    ['an integer beyond 32 bits', { score: 2 ** 31 }],
    ['an integer below 32 bits', { score: -(2 ** 31) - 1 }],
    ['a float below 1E-130', { monthlyRunCost: 1e-131 }],
    ['a float above 9.99E+125', { monthlyRunCost: 1e126 }],
    ['an empty string', { rank: '' }],
    ['a whitespace-only string', { rank: '   ' }],
    ['a number for a string', { projectId: 100 }],
    ['a string for a boolean', { stalled: 'yes' }],
    ['null for any', { row: null }],
  ])('refuses %s (INVALID_ENTITY_VALUE)', async (_label, extra) => {
    expect(await refusal(rows.set('pilot:1', { ...row(1), ...extra } as Row))).toEqual({
      status: 400,
      code: 'INVALID_ENTITY_VALUE',
    });
    expect(await rows.get('pilot:1')).toBeUndefined();
  });

  it('stores the documented edge values: int32 bounds, float 0 and range ends, any of each kind', async () => {
    for (const [i, extra] of [
      { score: 2147483647, monthlyRunCost: 0, row: 'text' },
      { score: -2147483648, monthlyRunCost: 1e-130, row: [1, 2] },
      { score: 0, monthlyRunCost: -9.9e125, row: true },
    ].entries()) {
      await rows.set(`pilot:${i}`, { ...row(i), ...extra });
      expect(await rows.get(`pilot:${i}`)).toMatchObject(extra);
    }
  });

  it('refuses an attribute the manifest does not declare', async () => {
    expect(await refusal(rows.set('pilot:1', { ...row(1), owner: 'x' } as Row))).toEqual({
      status: 400,
      code: 'INVALID_ENTITY_ATTRIBUTE',
    });
  });

  it('refuses keys Forge refuses: empty, over 500 characters, outside the pattern', async () => {
    expect(await refusal(rows.set('', row(1)))).toEqual({ status: 400, code: 'EMPTY_KEY' });
    expect(await refusal(rows.set('k'.repeat(501), row(1)))).toEqual({ status: 400, code: 'KEY_TOO_LONG' });
    await rows.set('k'.repeat(500), row(1));
    expect(await refusal(rows.set('pilot/1', row(1)))).toEqual({ status: 400, code: 'INVALID_KEY' });
  });

  it('refuses a value over 240 KiB, and a range value over 900 bytes', async () => {
    expect(await refusal(rows.set('pilot:1', row(1, { row: 'x'.repeat(240 * 1024) })))).toEqual({
      status: 400,
      code: 'MAX_SIZE',
    });
    await rows.set('pilot:1', row(1, { row: 'x'.repeat(200 * 1024) }));
    expect(await refusal(rows.set('pilot:2', row(2, { rank: 'r'.repeat(901) })))).toEqual({
      status: 400,
      code: 'INVALID_ENTITY_VALUE',
    });
    await rows.set('pilot:2', row(2, { rank: 'r'.repeat(900) }));
  });

  it('refuses a value deeper than 31', async () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 31; i += 1) deep = { d: deep };
    expect(await refusal(rows.set('pilot:1', row(1, { row: deep })))).toEqual({ status: 400, code: 'MAX_DEPTH' });
  });
});

describe('query', () => {
  it('answers by-key and each declared index; the default page is 10', async () => {
    await seed(15);
    const page = await rows.query().index('by-key').getMany();
    expect(page.results).toHaveLength(10);
    expect(page.nextCursor).toBeDefined();
    const byRank = await rows.query().index('rank').where(WhereConditions.beginsWith('r000')).getMany();
    expect(keysOf(byRank.results)).toEqual(Array.from({ length: 10 }, (_, i) => `pilot:${i}`));
    expect(byRank.results[0]!.value).toEqual(row(0));
    expect(await refusal(rows.query().index('by-owner').getMany())).toEqual({
      status: 400,
      code: 'INVALID_ENTITY_INDEX',
    });
  });

  it('applies each where condition to the index range', async () => {
    await seed(20);
    const scores = async (condition: Parameters<ReturnType<ReturnType<typeof rows.query>['index']>['where']>[0]) =>
      (await rows.query().index('by-score').where(condition).limit(100).getMany()).results.map((r) => r.value.score);
    expect(await scores(WhereConditions.equalTo(7))).toEqual([7]);
    expect(await scores(WhereConditions.greaterThan(17))).toEqual([18, 19]);
    expect(await scores(WhereConditions.greaterThanEqualTo(17))).toEqual([17, 18, 19]);
    expect(await scores(WhereConditions.lessThan(2))).toEqual([0, 1]);
    expect(await scores(WhereConditions.lessThanEqualTo(2))).toEqual([0, 1, 2]);
    expect(await scores(WhereConditions.between(5, 8))).toEqual([5, 6, 7, 8]);
    const ranks = await rows.query().index('rank').where(WhereConditions.beginsWith('r001')).limit(100).getMany();
    expect(ranks.results.map((r) => r.value.rank)).toEqual(Array.from({ length: 10 }, (_, i) => `r00${10 + i}`));
    const costs = await rows.query().index('by-cost').where(WhereConditions.between(20, 42)).getMany();
    expect(costs.results.map((r) => r.value.monthlyRunCost)).toEqual([21, 31.5, 42]);
  });

  it('refuses where conditions the range attribute type does not support', async () => {
    await seed(3);
    expect(await refusal(rows.query().index('by-score').where(WhereConditions.beginsWith('1')).getMany())).toEqual({
      status: 400,
      code: 'INVALID_FILTER_CONDITION',
    });
    expect(
      await refusal(
        rows
          .query()
          .index('by-score')
          .where(WhereConditions.equalTo('7' as unknown as number))
          .getMany(),
      ),
    ).toEqual({ status: 400, code: 'INVALID_FILTER_VALUE' });
    expect(
      await refusal(
        rows
          .query()
          .index('by-score')
          .where({ condition: 'BETWEEN', values: [1] } as never)
          .getMany(),
      ),
    ).toEqual({ status: 400, code: 'INSUFFICIENT_FILTER_VALUES' });
  });

  it('applies filters in memory after the limit: pages come back short or empty, with a cursor', async () => {
    await seed(30, (i) => row(i, { stalled: i >= 25 }));
    const stalled = new Filter<Row>().and('stalled', FilterConditions.equalTo(true));
    const first = await rows.query().index('by-score').filters(stalled).limit(10).getMany();
    expect(first.results).toEqual([]);
    expect(first.nextCursor).toBeDefined();
    const second = await rows.query().index('by-score').filters(stalled).limit(10).cursor(first.nextCursor!).getMany();
    expect(second.results).toEqual([]);
    const third = await rows.query().index('by-score').filters(stalled).limit(10).cursor(second.nextCursor!).getMany();
    expect(third.results.map((r) => r.value.score)).toEqual([25, 26, 27, 28, 29]);
    expect(third.nextCursor).toBeUndefined();
    // A short page, not an empty one: the page the index read held 10, of which 2 match.
    const short = await rows
      .query()
      .index('by-score')
      .where(WhereConditions.greaterThanEqualTo(20))
      .filters(stalled)
      .limit(7)
      .getMany();
    expect(short.results.map((r) => r.value.score)).toEqual([25, 26]);
    expect(short.nextCursor).toBeDefined();
  });

  it('applies each filter condition, and or as any of them', async () => {
    await seed(12, (i) =>
      row(i, {
        phase: i < 4 ? 'Build' : 'Pilot',
        searchText: i === 3 ? 'chat bot' : `pilot ${i}`,
        ...(i === 5 ? { verdict: undefined } : {}),
      }),
    );
    const scores = async (filter: Filter<Row> | ReturnType<Filter<Row>['and']> | ReturnType<Filter<Row>['or']>) =>
      (
        await rows
          .query()
          .index('by-score')
          .filters(filter as never)
          .limit(100)
          .getMany()
      ).results.map((r) => r.value.score);
    const f = () => new Filter<Row>();
    expect(await scores(f().and('phase', FilterConditions.equalTo('Build')))).toEqual([0, 1, 2, 3]);
    expect(
      await scores(f().and('phase', FilterConditions.notEqualTo('Build')).and('score', FilterConditions.lessThan(6))),
    ).toEqual([4, 5]);
    expect(await scores(f().and('searchText', FilterConditions.contains('bot')))).toEqual([3]);
    expect(await scores(f().and('searchText', FilterConditions.notContains('pilot')))).toEqual([3]);
    expect(await scores(f().and('searchText', FilterConditions.beginsWith('chat')))).toEqual([3]);
    expect(await scores(f().and('verdict', FilterConditions.notExists()))).toEqual([5]);
    expect((await scores(f().and('verdict', FilterConditions.exists()))).length).toBe(11);
    expect(await scores(f().and('monthlyRunCost', FilterConditions.between(20, 32)))).toEqual([1, 2]);
    expect(await scores(f().and('score', FilterConditions.greaterThanEqualTo(10)))).toEqual([10, 11]);
    expect(await scores(f().and('score', FilterConditions.lessThanEqualTo(1)))).toEqual([0, 1]);
    expect(await scores(f().and('score', FilterConditions.greaterThan(10)))).toEqual([11]);
    expect(
      await scores(f().or('score', FilterConditions.equalTo(1)).or('phase', FilterConditions.equalTo('Pilot'))),
    ).toEqual([1, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it('refuses an any attribute in filters with 422, and in transaction conditions', async () => {
    await seed(3);
    const onAny = new Filter<Row>().and('row', FilterConditions.exists());
    expect(await refusal(rows.query().index('by-score').filters(onAny).getMany())).toMatchObject({ status: 422 });
    expect(
      await refusal(
        kvs
          .transact()
          .check('pilot:1', { entityName: 'pilot-row', conditions: onAny as never })
          .execute(),
      ),
    ).toMatchObject({ status: 422 });
  });

  it('refuses filters on undeclared attributes, both operators at once, and a condition a type does not support', async () => {
    await seed(3);
    expect(
      await refusal(
        rows
          .query()
          .index('by-score')
          .filters(new Filter<Row>().and('owner' as keyof Row, FilterConditions.exists()))
          .getMany(),
      ),
    ).toEqual({ status: 400, code: 'INVALID_ENTITY_ATTRIBUTE' });
    expect(
      await refusal(
        store_query({
          entityName: 'pilot-row',
          indexName: 'by-score',
          filters: {
            and: [{ property: 'score', condition: 'EXISTS', values: [true] }],
            or: [{ property: 'score', condition: 'EXISTS', values: [true] }],
          },
        }),
      ),
    ).toEqual({ status: 400, code: 'INVALID_FILTER_OPERATORS_COMBINATION' });
    expect(
      await refusal(store_query({ entityName: 'pilot-row', indexName: 'by-score', filters: { and: [] } })),
    ).toEqual({ status: 400, code: 'EMPTY_FILTER_OPERATOR' });
    expect(
      await refusal(
        rows
          .query()
          .index('by-score')
          .filters(new Filter<Row>().and('stalled', FilterConditions.contains('t')))
          .getMany(),
      ),
    ).toEqual({ status: 400, code: 'INVALID_FILTER_CONDITION' });
    const many = new Filter<Row>();
    let chain = many.and('score', FilterConditions.exists());
    for (let i = 0; i < 100; i += 1) chain = chain.and('score', FilterConditions.exists());
    expect(await refusal(rows.query().index('by-score').filters(chain).getMany())).toEqual({
      status: 400,
      code: 'TOO_MANY_CONDITIONS',
    });
  });

  it('sorts ascending by default and descending on request, ties by key', async () => {
    await seed(6, (i) => row(i, { score: i < 3 ? 1 : 2 }));
    const asc = await rows.query().index('by-score').getMany();
    expect(keysOf(asc.results)).toEqual(['pilot:0', 'pilot:1', 'pilot:2', 'pilot:3', 'pilot:4', 'pilot:5']);
    const desc = await rows.query().index('by-score').sort(Sort.DESC).getMany();
    expect(keysOf(desc.results)).toEqual(['pilot:5', 'pilot:4', 'pilot:3', 'pilot:2', 'pilot:1', 'pilot:0']);
  });

  it('takes a limit of 1 to 100 and refuses others', async () => {
    await seed(120);
    expect((await rows.query().index('by-key').limit(100).getMany()).results).toHaveLength(100);
    expect((await rows.query().index('by-key').limit(1).getMany()).results).toHaveLength(1);
    for (const limit of [0, 101, 1.5, -1]) {
      expect(await refusal(rows.query().index('by-key').limit(limit).getMany())).toEqual({
        status: 400,
        code: 'COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE',
      });
    }
  });

  it('pages 250 entities by cursor to exactly the full set, in both orders, with ties', async () => {
    await seed(250, (i) => row(i, { rank: `r${String(i % 40).padStart(3, '0')}` }));
    for (const sort of [Sort.ASC, Sort.DESC]) {
      for (const projectId of ['100', '200']) {
        const seen: Array<{ key: string; rank: string }> = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          let q = rows
            .query()
            .index('by-project', { partition: [projectId] })
            .sort(sort)
            .limit(33);
          if (cursor) q = q.cursor(cursor);
          const page = await q.getMany();
          seen.push(...page.results.map((r) => ({ key: r.key, rank: r.value.rank! })));
          cursor = page.nextCursor;
          pages += 1;
        } while (cursor);
        const expected = Array.from({ length: 250 }, (_, i) => i)
          .filter((i) => row(i).projectId === projectId)
          .map((i) => ({ key: `pilot:${i}`, rank: `r${String(i % 40).padStart(3, '0')}` }))
          .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
        if (sort === Sort.DESC) expected.reverse();
        expect(seen).toEqual(expected);
        expect(pages).toBe(Math.ceil(125 / 33));
      }
    }
  });

  it('refuses a tampered cursor and a cursor from another query', async () => {
    await seed(30);
    const { nextCursor } = await rows.query().index('by-score').limit(10).getMany();
    expect(nextCursor).toBeDefined();
    const [payload, signature] = nextCursor!.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), a: { r: 25, k: 'pilot:25' } }),
    ).toString('base64url');
    expect(await refusal(rows.query().index('by-score').limit(10).cursor(`${forged}.${signature}`).getMany())).toEqual({
      status: 400,
      code: 'INVALID_CURSOR',
    });
    expect(
      await refusal(rows.query().index('by-score').sort(Sort.DESC).limit(10).cursor(nextCursor!).getMany()),
    ).toEqual({ status: 400, code: 'INVALID_CURSOR' });
    expect(await refusal(rows.query().index('by-cost').limit(10).cursor(nextCursor!).getMany())).toEqual({
      status: 400,
      code: 'INVALID_CURSOR',
    });
    // The same query with another page size goes on from the cursor.
    const next = await rows.query().index('by-score').limit(5).cursor(nextCursor!).getMany();
    expect(next.results.map((r) => r.value.score)).toEqual([10, 11, 12, 13, 14]);
  });

  it('requires the partition of a partitioned index, one typed value per attribute', async () => {
    await seed(10);
    expect(await refusal(rows.query().index('by-project').getMany())).toEqual({
      status: 400,
      code: 'INVALID_PARTITION',
    });
    expect(
      await refusal(
        rows
          .query()
          .index('by-project', { partition: ['100', 'x'] })
          .getMany(),
      ),
    ).toEqual({ status: 400, code: 'INVALID_PARTITION' });
    expect(
      await refusal(
        rows
          .query()
          .index('by-project', { partition: [100] })
          .getMany(),
      ),
    ).toEqual({ status: 400, code: 'INVALID_PARTITION' });
    expect(
      await refusal(
        rows
          .query()
          .index('by-score', { partition: ['100'] })
          .getMany(),
      ),
    ).toEqual({ status: 400, code: 'INVALID_PARTITION' });
    const pay = await rows
      .query()
      .index('by-project', { partition: ['100'] })
      .where(WhereConditions.lessThan('r0005'))
      .getMany();
    expect(keysOf(pay.results)).toEqual(['pilot:0', 'pilot:2', 'pilot:4']);
  });

  it('leaves an entity lacking an index attribute out of that index (and only that one)', async () => {
    await rows.set('pilot:a', row(1));
    const { score: _dropped, ...noScore } = row(2);
    await rows.set('pilot:b', noScore);
    expect(keysOf((await rows.query().index('by-score').getMany()).results)).toEqual(['pilot:a']);
    expect(keysOf((await rows.query().index('by-key').getMany()).results)).toEqual(['pilot:a', 'pilot:b']);
    expect(keysOf((await rows.query().index('rank').getMany()).results)).toEqual(['pilot:a', 'pilot:b']);
  });

  it('answers from the current rows after writes, deletes and expiry, and after a test edits the state directly', async () => {
    await seed(5);
    const scores = async () =>
      (await rows.query().index('by-score').getMany()).results.map((r) => [r.key, r.value.score]);
    expect((await scores()).map(([k]) => k)).toEqual(['pilot:0', 'pilot:1', 'pilot:2', 'pilot:3', 'pilot:4']);
    await rows.set('pilot:0', row(0, { score: 99 }));
    await rows.delete('pilot:1');
    expect(await scores()).toEqual([
      ['pilot:2', 2],
      ['pilot:3', 3],
      ['pilot:4', 4],
      ['pilot:0', 99],
    ]);
    delete store.entities.state['pilot-row']!['pilot:2'];
    store.entities.state['pilot-row']!['pilot:3'] = {
      ...store.entities.state['pilot-row']!['pilot:3']!,
      value: { ...row(3, { score: 100 }) },
    };
    expect(await scores()).toEqual([
      ['pilot:4', 4],
      ['pilot:0', 99],
      ['pilot:3', 100],
    ]);
  });

  it('keeps every index equal to a fresh read through random writes and deletes between queries', async () => {
    let seedState = 12345;
    const random = (n: number) => {
      seedState = (seedState * 1103515245 + 12345) % 2147483648;
      return seedState % n;
    };
    const all = async (s: KvsStore, indexName: string, partition?: string[]) => {
      const keys: string[] = [];
      let cursor: string | undefined;
      do {
        const body: Record<string, unknown> = {
          entityName: 'pilot-row',
          indexName,
          limit: 7,
          ...(partition ? { partition } : {}),
          ...(cursor ? { cursor } : {}),
        };
        const result = s.handle('/api/v1/entity/query', body).body as { data: Array<{ key: string }>; cursor?: string };
        keys.push(...result.data.map((d) => d.key));
        cursor = result.cursor;
      } while (cursor);
      return keys;
    };
    const queries: Array<[string, string[]?]> = [
      ['by-key'],
      ['by-score'],
      ['rank'],
      ['by-project', ['100']],
      ['by-project', ['200']],
    ];
    for (let round = 0; round < 30; round += 1) {
      for (const [indexName, partition] of queries) await all(store, indexName, partition); // fills the caches
      for (let op = 0; op < 5; op += 1) {
        const i = random(40);
        if (random(4) === 0) await rows.delete(`pilot:${i}`);
        else
          await rows.set(
            `pilot:${i}`,
            row(i, { score: random(10), rank: `r${random(8)}`, projectId: random(2) ? '100' : '200' }),
          );
      }
      const fresh = new KvsStore(
        {},
        () => Date.now(),
        undefined,
        decls,
        JSON.parse(JSON.stringify(store.entities.state)),
      );
      for (const [indexName, partition] of queries)
        expect(await all(store, indexName, partition)).toEqual(await all(fresh, indexName, partition));
    }
  });

  it('returns requested metadata with query results', async () => {
    await seed(2);
    const page = await rows
      .query({ metadataFields: ['CREATED_AT' as never] } as never)
      .index('by-key')
      .getMany();
    expect(page.results[0]).toMatchObject({ key: 'pilot:0', createdAt: expect.any(Number) });
    expect(page.results[0]).not.toHaveProperty('updatedAt');
  });
});

describe('expiry', () => {
  it('keeps an entity past its TTL until the expiry lag, reports expireTime, and purges it', async () => {
    const now = { value: Date.UTC(2026, 11, 2) };
    store = new KvsStore({}, () => now.value, 3600_000, decls);
    await rows.set('pilot:1', row(1), { ttl: { unit: 'MINUTES', value: 5 } });
    const meta = (await rows.get('pilot:1', { metadataFields: ['EXPIRE_TIME' as never] })) as unknown as {
      expireTime: string;
    };
    expect(meta.expireTime).toBe(new Date(now.value + 300_000).toISOString());
    now.value += 600_000;
    expect((await rows.query().index('by-score').getMany()).results).toHaveLength(1); // expired, not yet deleted
    now.value += 3600_000;
    expect((await rows.query().index('by-score').getMany()).results).toEqual([]);
    expect(await rows.get('pilot:1')).toBeUndefined();
    await rows.set('pilot:2', row(2), { ttl: { unit: 'SECONDS', value: 1 } });
    now.value += 2000;
    expect(store.purgeExpired()).toBe(1);
    expect(await refusal(rows.set('pilot:3', row(3), { ttl: { unit: 'DAYS', value: 366 } }))).toEqual({
      status: 400,
      code: 'INVALID_TTL',
    });
  });
});

describe('transactions and batches', () => {
  it('writes plain keys and entities together when every check holds', async () => {
    await rows.set('pilot:1', row(1, { verdict: 'go' }));
    await kvs
      .transact()
      .check('pilot:1', {
        entityName: 'pilot-row',
        conditions: new Filter<Row>().and('verdict', FilterConditions.equalTo('go')) as never,
      })
      .set('pilot:2', row(2), { entityName: 'pilot-row' })
      .set('plain:2', { n: 2 })
      .delete('pilot:3', { entityName: 'pilot-row' })
      .execute();
    expect(await rows.get('pilot:2')).toEqual(row(2));
    expect(await kvs.get('plain:2')).toEqual({ n: 2 });
  });

  it('writes nothing when a check fails', async () => {
    await rows.set('pilot:1', row(1, { verdict: 'kill' }));
    await rows.set('pilot:3', row(3));
    const failed = await refusal(
      kvs
        .transact()
        .check('pilot:1', {
          entityName: 'pilot-row',
          conditions: new Filter<Row>().and('verdict', FilterConditions.equalTo('go')) as never,
        })
        .set('pilot:2', row(2), { entityName: 'pilot-row' })
        .set('plain:2', { n: 2 })
        .delete('pilot:3', { entityName: 'pilot-row' })
        .execute(),
    );
    expect(failed).toEqual({ status: 409, code: 'CONDITIONS_NOT_MET' });
    expect(await rows.get('pilot:2')).toBeUndefined();
    expect(await kvs.get('plain:2')).toBeUndefined();
    expect(await rows.get('pilot:3')).toEqual(row(3));
  });

  it('writes nothing when a conditional set finds its condition unmet, or a later item is invalid', async () => {
    await rows.set('pilot:1', row(1, { score: 5 }));
    const unmet = await refusal(
      kvs
        .transact()
        .set('plain:a', 1)
        .set('pilot:1', row(1, { score: 6 }), {
          entityName: 'pilot-row',
          conditions: new Filter<Row>().and('score', FilterConditions.equalTo(4)) as never,
        })
        .execute(),
    );
    expect(unmet.code).toBe('CONDITIONS_NOT_MET');
    const invalid = await refusal(
      kvs
        .transact()
        .set('plain:a', 1)
        .set('pilot:2', row(2, { score: 0.5 }), { entityName: 'pilot-row' })
        .execute(),
    );
    expect(invalid).toEqual({ status: 400, code: 'INVALID_ENTITY_VALUE' });
    expect(await kvs.get('plain:a')).toBeUndefined();
    expect((await rows.get('pilot:1'))!.score).toBe(5);
  });

  it('refuses more than 25 operations (checks count) and a key used twice', async () => {
    let tx = kvs.transact();
    for (let i = 0; i < 25; i += 1) tx = tx.set(`pilot:${i}`, row(i), { entityName: 'pilot-row' });
    tx = tx.check('pilot:0', {
      entityName: 'pilot-row',
      conditions: new Filter<Row>().and('score', FilterConditions.exists()) as never,
    });
    expect(await refusal(tx.execute())).toEqual({ status: 400, code: 'TOO_MANY_OPERATIONS' });
    expect(await rows.get('pilot:0')).toBeUndefined();
    const twice = kvs
      .transact()
      .set('pilot:1', row(1), { entityName: 'pilot-row' })
      .delete('pilot:1', { entityName: 'pilot-row' });
    expect(await refusal(twice.execute())).toEqual({ status: 400, code: 'DUPLICATE_KEY' });
    // The same key as a plain key and as an entity are two keys.
    await kvs.transact().set('pilot:1', row(1), { entityName: 'pilot-row' }).set('pilot:1', 'plain').execute();
  });

  it('refuses a transaction or a batchSet over 4 MB, writing nothing', async () => {
    const big = (i: number) => row(i, { row: 'x'.repeat(200 * 1024) });
    let tx = kvs.transact();
    for (let i = 0; i < 21; i += 1) tx = tx.set(`pilot:${i}`, big(i), { entityName: 'pilot-row' });
    expect(await refusal(tx.execute())).toEqual({ status: 400, code: 'MAX_SIZE' });
    const items = Array.from({ length: 21 }, (_, i) => ({ entityName: 'pilot-row', key: `pilot:${i}`, value: big(i) }));
    expect(await refusal(kvs.batchSet(items))).toEqual({ status: 400, code: 'MAX_SIZE' });
    expect(await rows.get('pilot:0')).toBeUndefined();
    await kvs.batchSet(items.slice(0, 19));
  });

  it('batches entity gets, sets and deletes beside plain keys, each failing alone', async () => {
    const set = await kvs.batchSet<Row | string>([
      { entityName: 'pilot-row', key: 'pilot:1', value: row(1) },
      { entityName: 'pilot-row', key: 'pilot:2', value: row(2, { score: 1.5 }) },
      { key: 'pilot:1', value: 'plain' },
    ]);
    expect(set.successfulKeys).toEqual([{ key: 'pilot:1', entityName: 'pilot-row' }, { key: 'pilot:1' }]);
    expect(set.failedKeys).toEqual([
      { key: 'pilot:2', entityName: 'pilot-row', error: expect.objectContaining({ code: 'INVALID_ENTITY_VALUE' }) },
    ]);
    const got = await kvs.batchGet([
      { entityName: 'pilot-row', key: 'pilot:1' },
      { entityName: 'pilot-row', key: 'pilot:2' },
      { key: 'pilot:1' },
    ]);
    expect(got.successfulKeys).toEqual([
      expect.objectContaining({ key: 'pilot:1', entityName: 'pilot-row', value: row(1) }),
      { key: 'pilot:1', value: 'plain' },
    ]);
    expect(got.failedKeys).toEqual([
      { key: 'pilot:2', entityName: 'pilot-row', error: expect.objectContaining({ code: 'KEY_NOT_FOUND' }) },
    ]);
    const deleted = await kvs.batchDelete([{ entityName: 'pilot-row', key: 'pilot:1' }]);
    expect(deleted.successfulKeys).toEqual([{ key: 'pilot:1', entityName: 'pilot-row' }]);
    expect(await rows.get('pilot:1')).toBeUndefined();
    expect(await kvs.get('pilot:1')).toBe('plain');
    expect(
      await refusal(
        kvs.batchDelete([
          { entityName: 'pilot-row', key: 'a' },
          { entityName: 'pilot-row', key: 'a' },
        ]),
      ),
    ).toEqual({ status: 400, code: 'INVALID_BATCH' });
  });
});

describe('the path every KVS call takes', () => {
  it('fails an entity call on a targeted fault (operation = path), then answers again', async () => {
    await rows.set('pilot:1', row(1));
    faults.failNext({ target: 'kvs', operation: /^\/api\/v1\/entity\/query$/, times: 1, status: 500 });
    expect(await refusal(rows.query().index('by-key').getMany())).toMatchObject({ status: 500 });
    expect((await rows.query().index('by-key').getMany()).results).toHaveLength(1);
    faults.failNext({ target: 'kvs', operation: /entity\/set/, key: /^pilot:2$/, times: 1, status: 503 });
    expect(await refusal(rows.set('pilot:2', row(2)))).toMatchObject({ status: 503 });
    expect(await rows.get('pilot:2')).toBeUndefined();
  });

  it('waits the host latency before each entity call', async () => {
    latency.set(300, 3);
    delays.length = 0;
    try {
      await rows.set('pilot:1', row(1));
      await rows.query().index('by-key').getMany();
    } finally {
      latency.set(0);
    }
    expect(latency.applied.slice(-2).map((a) => a.target)).toEqual(['kvs', 'kvs']);
    expect(delays).toHaveLength(2);
    expect(delays.every((ms) => ms >= 200 && ms <= 400)).toBe(true);
  });

  it('keeps entities in a state that survives a save and restore, as the host persists it', async () => {
    await seed(5);
    const restored = new KvsStore(
      {},
      () => Date.now(),
      undefined,
      decls,
      JSON.parse(JSON.stringify(store.entities.state)),
    );
    store = restored;
    expect(keysOf((await rows.query().index('by-score').getMany()).results)).toEqual([
      'pilot:0',
      'pilot:1',
      'pilot:2',
      'pilot:3',
      'pilot:4',
    ]);
  });
});

/** A raw query body, for shapes the SDK's builder cannot produce. */
function store_query(body: Record<string, unknown>): Promise<unknown> {
  const result = store.handle('/api/v1/entity/query', body);
  if (result.status < 300) return Promise.resolve(result.body);
  const { code } = result.body as { code: string };
  return Promise.reject({ code, responseDetails: { status: result.status } });
}
