// Custom UI runs under Forge's CSP, which has no 'unsafe-eval': zod builds each object schema's parser with
// `Function(...)` unless told not to, and its probe alone is a CSP violation. Imported first by the apps that
// bundle zod, so it runs before any schema is constructed (the choice is made at construction). The interpreter
// validates the same way.
import { config } from 'zod';

config({ jitless: true });
