export {
  createOpenApiChecker,
  splitRequestPath,
  DEFAULT_SPEC_DIR,
  type OpenApiChecker,
  type RequestCheck,
  type SpecPaths,
} from './checker';
export { withOpenApiChecks, createTally, type Tally, type Tally as OpenApiTally, type Handler } from './with-checks';
export { saveTally, TALLY_DIR } from './tally-file';
export { withScopeChecks, scopeRefusal, satisfiedSet, missingScopeMessage } from './scopes';
