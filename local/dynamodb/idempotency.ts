/** How long DynamoDB remembers a ClientRequestToken after the request that used it completed. */
export const IDEMPOTENCY_WINDOW_MS = 10 * 60 * 1000;

/** What to do with a TransactWriteItems request that carries a ClientRequestToken. */
export type TokenDecision =
  | { kind: 'run' }
  | { kind: 'replay'; response: unknown }
  | { kind: 'mismatch' }
  | { kind: 'in-progress' };

interface Entry {
  fingerprint: string;
  /** Set once the transaction succeeded; absent while it runs. */
  response?: unknown;
  expiresAt: number;
}

/**
 * Remembers successful TransactWriteItems by ClientRequestToken for the idempotency window.
 * Only successes are remembered: a cancelled transaction changed nothing and may be retried.
 */
export class IdempotencyTokens {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Claims `token` for a request, or says how an earlier request with that token decides it. */
  begin(token: string, fingerprint: string): TokenDecision {
    this.evictExpired();
    const entry = this.entries.get(token);
    if (!entry) {
      this.entries.set(token, { fingerprint, expiresAt: Infinity });
      return { kind: 'run' };
    }
    if (entry.fingerprint !== fingerprint) return { kind: 'mismatch' };
    if (entry.response === undefined) return { kind: 'in-progress' };
    return { kind: 'replay', response: entry.response };
  }

  /** Records the success answer to replay for the token. */
  succeed(token: string, response: unknown): void {
    const entry = this.entries.get(token);
    if (!entry) return;
    // Re-inserting keeps completed entries in expiry order, which lets evictExpired stop early.
    this.entries.delete(token);
    this.entries.set(token, { fingerprint: entry.fingerprint, response, expiresAt: this.now() + IDEMPOTENCY_WINDOW_MS });
  }

  /** Frees the token after a failed request. */
  fail(token: string): void {
    this.entries.delete(token);
  }

  private evictExpired(): void {
    const now = this.now();
    for (const [token, entry] of this.entries) {
      if (entry.response === undefined) continue;
      if (entry.expiresAt > now) break;
      this.entries.delete(token);
    }
  }
}
