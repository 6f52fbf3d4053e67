import { readdirSync, readFileSync } from 'node:fs';

/** Linux's clock tick, in which /proc reports CPU time (getconf CLK_TCK: 100 on every common kernel). */
const TICK_US = 10_000;

/** CPU time used so far (user + system, µs) by each thread of a process, by thread id, from /proc. */
export function threadCpuMicros(pid: number): Map<number, number> {
  const threads = new Map<number, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      // The fields after the command name (which may hold spaces) are space-separated: utime and
      // stime are the 14th and 15th of the line, the 12th and 13th after the name.
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      threads.set(Number(tid), (Number(fields[11]) + Number(fields[12])) * TICK_US);
    } catch {
      // The thread ended between the listing and the read: its time is gone with it.
    }
  }
  return threads;
}

/** CPU µs per request over a load, on the process's main thread and on all its other threads. */
export async function cpuPerRequest(
  pid: number,
  load: () => Promise<number>,
): Promise<{ requests: number; mainUs: number; othersUs: number }> {
  const before = threadCpuMicros(pid);
  const requests = await load();
  const after = threadCpuMicros(pid);
  let main = 0;
  let others = 0;
  for (const [tid, us] of after) {
    const used = us - (before.get(tid) ?? 0);
    if (tid === pid) main += used;
    else others += used;
  }
  return { requests, mainUs: main / requests, othersUs: others / requests };
}
