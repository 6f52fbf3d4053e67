import {
  claimToStart,
  markQueued,
  newClaims,
  startedCount,
  takeBack,
} from '../../../emulator/runtime/instances/claims';

describe('claim slots between the emulator and an instance', () => {
  it('lets exactly one side have a queued invocation: the instance starts it, or the emulator takes it back', () => {
    const claims = newClaims();
    markQueued(claims, 0);
    markQueued(claims, 1);
    expect(claimToStart(claims, 0)).toBe(true);
    expect(takeBack(claims, 0)).toBe(false);
    expect(takeBack(claims, 1)).toBe(true);
    expect(claimToStart(claims, 1)).toBe(false);
    expect(startedCount(claims)).toBe(1);
  });

  it('ignores a stale message for a slot that a later invocation reuses', () => {
    const claims = newClaims();
    markQueued(claims, 3);
    expect(takeBack(claims, 3)).toBe(true);
    // Far enough on, sequence numbers share the slot of 3; the old message must not start the new one.
    for (let seq = 4; ; seq++) {
      markQueued(claims, seq);
      if (!takeBack(claims, seq)) throw new Error('a fresh slot could not be taken back');
      if (seq > 1000) break;
    }
    markQueued(claims, 3 + 1024);
    expect(claimToStart(claims, 3)).toBe(false);
    expect(claimToStart(claims, 3 + 1024)).toBe(true);
  });
});
