// Typed failures the adapters raise; the resolver kit maps each to one envelope code.
import type { ErrorCode, FieldIssue } from '../contract/envelope';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: FieldIssue[],
    readonly current?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** A Jira or Confluence answer other than 2xx, with the product's own error text. */
export class ProductError extends Error {
  constructor(
    readonly status: number,
    readonly endpoint: string,
    readonly messages: string[],
    /** Seconds the product asked us to wait (429 or 503 with Retry-After). */
    readonly retryAfterSeconds: number | null,
  ) {
    super(`${endpoint} answered ${status}${messages.length ? `: ${messages.join('; ')}` : ''}`);
    this.name = 'ProductError';
  }

  get retryable(): boolean {
    return this.status === 429 || this.status >= 500;
  }
}

/** A Forge storage (KVS) failure worth retrying later: the store answered 429 or 5xx. */
export function isRetryableStorageError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const status = (error as { responseDetails?: { status?: unknown } }).responseDetails?.status;
  return typeof status === 'number' && (status === 429 || status >= 500);
}
