/** A function's code as Lambda would have it in /var/task, kept up to date while it is edited. */
export interface FunctionCodeSource {
  /** The folder the Handler's path is relative to (Lambda's /var/task). */
  readonly root: string;
  /** Why there is no code to run yet (a first build that failed); a later change may bring it. */
  readonly failure?: Error;
  /** How this code is kept differently from Lambda's, said once at start-up. */
  readonly note?: string;
  /**
   * Calls onChanged once new code is in place, onFailed when a change cannot be built. Resolves once
   * the files are watched, so that a save right after start-up is not missed.
   */
  watch(onChanged: () => void, onFailed: (error: Error) => void): Promise<void>;
  dispose(): Promise<void>;
}
