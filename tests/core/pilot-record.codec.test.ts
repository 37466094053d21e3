// The storage codec reads what earlier versions stored (upgrading schema 1 → 2), stays lenient where the input
// contract has since tightened, says why a record cannot be read instead of throwing, bounds the histories and
// refuses a record larger than the store takes, naming the field.
import { AppError } from '../../src/adapters/errors';
import {
  boundHistories,
  checkSize,
  decodeRecord,
  MAX_HISTORY,
  STORED_SCHEMA_VERSION,
  type PilotRecord,
} from '../../src/adapters/pilot-record.codec';

function v1(overrides: Record<string, unknown> = {}) {
  return {
    schemaVersion: 1,
    version: 4,
    pilot: {
      phase: 'post-demo',
      pilotStart: '2026-01-05',
      demoDate: '2026-02-20',
      productionDate: null,
      productionDateHistory: [],
      milestones: { demoSignOff: '2026-02-20' },
      people: { productionOwner: 'u-priya', dataScienceLead: null, businessOwner: null },
      monthlyRunCost: 1000,
      modelMetric: null,
      diagnostic: { q1: { answer: 'yes' } },
      resumeOn: null,
      decisions: [],
    },
    waivers: [],
    productionSpecUrl: null,
    displayNames: { 'u-priya': 'Priya' },
    updatedAt: null,
    updatedBy: null,
    ...overrides,
  };
}

it('upgrades a schema 1 record (the old issue property) to the current schema, dropping stored names', () => {
  const decoded = decodeRecord(v1());
  expect(decoded.ok).toBe(true);
  if (!decoded.ok) return;
  expect(decoded.upgraded).toBe(true);
  expect(decoded.record.schemaVersion).toBe(STORED_SCHEMA_VERSION);
  expect(decoded.record.version).toBe(4);
  expect(decoded.record).not.toHaveProperty('displayNames');
  expect(decoded.record.older).toEqual({ decisions: 0, productionDateChanges: 0 });
});

it('still reads what a tighter input rule would refuse today (long notes, odd account ids, retired question ids)', () => {
  const raw = v1();
  raw.pilot.diagnostic = { q1: { answer: 'yes', note: 'x'.repeat(10_000) }, q99: { answer: 'no' } } as never;
  raw.pilot.people.productionOwner = 'legacy account with spaces';
  const decoded = decodeRecord(raw);
  expect(decoded.ok).toBe(true);
  if (!decoded.ok) return;
  expect(Object.keys(decoded.record.pilot.diagnostic)).toEqual(['q1']);
  expect(decoded.record.pilot.people.productionOwner).toBe('legacy account with spaces');
});

it.each([
  ['garbage', 'not a record'],
  [{ version: 1 }, 'no schema version'],
  [{ ...v1(), schemaVersion: 99 }, 'newer version'],
  [{ ...v1(), version: 'seven' }, 'version'],
  [v1({ pilot: { ...v1().pilot, productionDate: '0050-06-01' } }), 'pilot.productionDate'],
])('says why %j cannot be read instead of throwing', (raw, reason) => {
  const decoded = decodeRecord(raw);
  expect(decoded.ok).toBe(false);
  expect(decoded.ok ? '' : decoded.reason).toContain(reason);
});

function record(): PilotRecord {
  const decoded = decodeRecord(v1());
  if (!decoded.ok) throw new Error(decoded.reason);
  return decoded.record;
}

it('keeps the last entries of each history and counts the older ones', () => {
  const r = record();
  r.pilot.decisions = Array.from({ length: MAX_HISTORY + 3 }, (_, i) => ({
    kind: 'pause' as const,
    rationale: `p${i}`,
    resumeOn: '2026-05-01',
    decidedOn: '2026-04-01',
    byAccountId: 'u-a',
  }));
  const bounded = boundHistories(r);
  expect(bounded.pilot.decisions).toHaveLength(MAX_HISTORY);
  expect(bounded.pilot.decisions[0]).toMatchObject({ rationale: 'p3' });
  expect(bounded.older).toEqual({ decisions: 3, productionDateChanges: 0 });
});

it('refuses a record larger than the store takes, naming the field that makes it large', () => {
  const r = record();
  r.pilot.diagnostic = { q1: { answer: 'yes', note: 'x'.repeat(250 * 1024) } };
  let error: unknown;
  try {
    checkSize(r);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('VALIDATION_FAILED');
  expect((error as AppError).issues?.[0]?.field).toBe('pilot.diagnostic');
  expect(() => checkSize(record())).not.toThrow();
});
