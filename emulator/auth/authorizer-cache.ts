/** An authorizer's answer, kept per identity for its TTL, as API Gateway caches it. */
export interface CachedAuthorization {
  principalId: string;
  policy: unknown;
  context: Record<string, string | number | boolean>;
  usageIdentifierKey?: string;
}

/** Entries expire by their TTL; the map is swept as it is written, so it stays as large as what is live. */
export class AuthorizerCache {
  private readonly entries = new Map<string, { expires: number; value: CachedAuthorization }>();

  get(key: string, now = Date.now()): CachedAuthorization | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expires > now) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  set(key: string, value: CachedAuthorization, ttlSeconds: number, now = Date.now()): void {
    if (ttlSeconds <= 0) return;
    if (this.entries.size >= 10_000) {
      for (const [old, entry] of this.entries) if (entry.expires <= now) this.entries.delete(old);
    }
    this.entries.set(key, { expires: now + ttlSeconds * 1000, value });
  }
}
