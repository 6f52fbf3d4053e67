// Lambda's Node.js runtime (22 and earlier) ends a callback-style invocation only once the event loop
// is empty: timers, sockets and files the function still has open keep it waiting, until Timeout.
// A worker's loop is never empty (it listens to the emulator), so "empty" here means: nothing but
// the instance's own message port and scheduled immediates is keeping it alive.

const OWN_RESOURCES = new Set(['MessagePort', 'Immediate']);

function loopBusy(): boolean {
  return process.getActiveResourcesInfo().some((resource) => !OWN_RESOURCES.has(resource));
}

/** One slot, as the runtime's own: the latest callback set runs when the loop is empty. */
export class EventLoopIdle {
  private pending: (() => void) | undefined;
  private polling = false;

  set(callback: () => void): void {
    this.pending = callback;
    this.poll();
  }

  reset(): void {
    this.pending = undefined;
  }

  private poll(): void {
    if (this.polling) return;
    this.polling = true;
    // An unref'd timer is not among the resources it checks.
    const check = (): void => {
      const callback = this.pending;
      if (callback === undefined) {
        this.polling = false;
      } else if (loopBusy()) {
        setTimeout(check, 1).unref();
      } else {
        this.polling = false;
        this.pending = undefined;
        callback();
      }
    };
    setTimeout(check, 0).unref();
  }
}
