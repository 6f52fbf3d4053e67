import { statSync } from 'node:fs';

/** What is saved now: equal fingerprints, equal content; and when it was last written. */
export interface SavedState {
  fingerprint: string;
  newestMs: number;
}

/** Nothing written for this long: the save is done. */
export const SETTLED_AFTER_MS = 50;

/** After taking a save, the files are looked at again this much later (see SettledSaves). */
const VERIFY_AFTER_MS = 250;

/**
 * Turns a watcher's events into saves that are done. Editors write in several steps (truncate,
 * write; write a temp file, rename), and a watcher may report a slow save's last writes within an
 * event already reported, or drop them. So a save is taken once no file has been written for
 * SETTLED_AFTER_MS by the files' own modification times (not by when a busy process heard of it),
 * only if it differs from the one taken before, and the files are looked at again a while after.
 */
export class SettledSaves {
  private timer: NodeJS.Timeout | undefined;
  private verifier: NodeJS.Timeout | undefined;
  private taken: string;

  /**
   * @param state what is saved now
   * @param take called with each new settled save; returns the fingerprint of what it took, when
   * it read the files again (a copy) rather than at the moment `state` said
   */
  constructor(
    private readonly state: () => SavedState,
    private readonly take: () => string | undefined,
  ) {
    this.taken = state().fingerprint;
  }

  /** A watcher saw a change. */
  changed(): void {
    this.schedule(SETTLED_AFTER_MS);
  }

  dispose(): void {
    clearTimeout(this.timer);
    clearTimeout(this.verifier);
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.check();
    }, ms);
  }

  private check(): void {
    const now = this.state();
    if (now.fingerprint === this.taken) return;
    // A time in the future is not a save under way.
    const unsettledFor = now.newestMs + SETTLED_AFTER_MS - Date.now();
    if (unsettledFor > 0 && unsettledFor <= SETTLED_AFTER_MS) {
      this.schedule(unsettledFor);
      return;
    }
    this.taken = this.take() ?? now.fingerprint;
    clearTimeout(this.verifier);
    this.verifier = setTimeout(() => {
      this.check();
    }, VERIFY_AFTER_MS);
  }
}

/** One file's saved state (a missing file has its own). */
export function fileState(path: string): SavedState {
  const stat = statSync(path, { throwIfNoEntry: false });
  return {
    fingerprint: stat === undefined ? 'missing' : `${stat.size}:${stat.mtimeMs}:${stat.ino}`,
    newestMs: stat?.mtimeMs ?? 0,
  };
}
