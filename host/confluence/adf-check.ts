// Atlassian's ADF JSON schema (@atlaskit/adf-schema, full.json): what a macro's adfExport function returns must be
// a valid ADF document, or the export does not take it.
import Ajv, { type ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../host';

let validator: ValidateFunction | null = null;

function compile(): ValidateFunction {
  const schema = JSON.parse(
    readFileSync(join(ROOT, 'node_modules/@atlaskit/adf-schema/dist/json-schema/v1/full.json'), 'utf8'),
  ) as Record<string, unknown>;
  // The schema is written for draft-04; none of its keywords means something else to Ajv's default draft.
  delete schema.$schema;
  return new Ajv({ strict: false, allErrors: false }).compile(schema);
}

/** Null when `doc` is a valid ADF document; otherwise where and why it is not. */
export function adfProblem(doc: unknown): string | null {
  validator ??= compile();
  if (validator(doc)) return null;
  const first = validator.errors?.[0];
  return first ? `${first.instancePath || '/'} ${first.message ?? 'is not valid'}` : 'not a valid ADF document';
}
