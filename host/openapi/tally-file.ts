// Saves a test file's tally where tests/support/rest-check-reporter.js sums them after the run.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Tally } from './with-checks';

export const TALLY_DIR = join(__dirname, '..', '..', '.tmp', 'rest-checks');

export function saveTally(tally: Tally, label: string): string {
  mkdirSync(TALLY_DIR, { recursive: true });
  const file = join(
    TALLY_DIR,
    `${label.replace(/[^a-zA-Z0-9_-]+/g, '-')}-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}.json`,
  );
  writeFileSync(file, JSON.stringify(tally));
  return file;
}
