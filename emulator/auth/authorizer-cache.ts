/**
 * Authorizers' answers, kept per identity for their TTL, as API Gateway caches them. Entries expire
 * by their TTL; the map is swept as it is written, so it stays as large as what is live.
 */
export class AuthorizerCache<T> {
  private readonly entries = new Map<string, { expires: number; value: T }>();

  get(key: string, now = Date.now()): T | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expires > now) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  set(key: string, value: T, ttlSeconds: number, now = Date.now()): void {
    if (ttlSeconds <= 0) return;
    if (this.entries.size >= 10_000) {
      for (const [old, entry] of this.entries) if (entry.expires <= now) this.entries.delete(old);
    }
    this.entries.set(key, { expires: now + ttlSeconds * 1000, value });
  }
}
