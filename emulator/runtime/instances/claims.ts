// An invocation can wait in an instance's queue behind a quick one. Until the instance starts it, the
// emulator may take it back and run it elsewhere; both sides swap the invocation's slot atomically,
// so exactly one of them wins. A slot holds seq + 1 while queued, -(seq + 1) once started, 0 when
// taken back: a stale message never matches a slot reused by a later invocation.
const CLAIM_SLOTS = 128;
const STARTED_COUNT = CLAIM_SLOTS;

/** The most invocations one instance holds at once, started or queued. */
export const MAX_QUEUED_PER_INSTANCE = CLAIM_SLOTS / 2;

export function newClaims(): Int32Array<SharedArrayBuffer> {
  return new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT * (CLAIM_SLOTS + 1)));
}

export function markQueued(claims: Int32Array, seq: number): void {
  Atomics.store(claims, seq % CLAIM_SLOTS, seq + 1);
}

/** The instance's side: true when it may start the invocation, which the emulator can no longer take back. */
export function claimToStart(claims: Int32Array, seq: number): boolean {
  const won = Atomics.compareExchange(claims, seq % CLAIM_SLOTS, seq + 1, -(seq + 1)) === seq + 1;
  if (won) Atomics.add(claims, STARTED_COUNT, 1);
  return won;
}

/** The emulator's side: true when the invocation had not started and now never will on that instance. */
export function takeBack(claims: Int32Array, seq: number): boolean {
  return Atomics.compareExchange(claims, seq % CLAIM_SLOTS, seq + 1, 0) === seq + 1;
}

/** How many invocations the instance has started so far: its progress, as it happens. */
export function startedCount(claims: Int32Array): number {
  return Atomics.load(claims, STARTED_COUNT);
}
