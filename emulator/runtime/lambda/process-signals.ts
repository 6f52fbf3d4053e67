import { constants } from 'node:os';

/**
 * A function that signals its own process ends its own instance, as it ends its own sandbox in
 * Lambda (and Runtime.ExitError follows); it can reach no process outside it. Here every instance
 * is a thread of the emulator's process, so a signal to this process, its group or its parent would
 * stop the server: those end the instance instead, or fail as a process Lambda's sandbox does not
 * hold (ESRCH). Processes the function started itself are signalled as usual.
 */
export function containProcessSignals(): void {
  const kill = process.kill.bind(process);
  process.kill = (pid: number | string, signal?: string | number): true => {
    const target = Number(pid);
    const signals: Record<string, number | undefined> = constants.signals;
    const number = typeof signal === 'number' ? signal : signals[signal ?? 'SIGTERM'];
    if (target === process.pid || target === 0) {
      // Signal 0 asks whether the process exists: it does.
      if (number === 0) return true;
      process.exit(128 + (number ?? 15));
    }
    if (target === process.ppid || target < 0) {
      throw Object.assign(new Error('kill ESRCH'), {
        code: 'ESRCH',
        errno: -constants.errno.ESRCH,
        syscall: 'kill',
      });
    }
    return kill(target, signal);
  };
}
