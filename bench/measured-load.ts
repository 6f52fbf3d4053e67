import autocannon from 'autocannon';
import { cpuPerRequest } from './cpu-time';

export interface MeasuredLoad {
  rps: number;
  p99: number;
  failures: number;
  /** CPU µs per request on the server's main thread, and on all its other threads together. */
  mainUs: number;
  othersUs: number;
}

/** A bounded load over loopback after a warm-up (1 s unless said), with the server's CPU time per request from /proc. */
export async function measuredLoad(options: {
  url: string;
  pid: number;
  connections: number;
  durationS: number;
  /** A fixed rate, so that CPU per request is compared at equal load; as fast as it goes without. */
  rate?: number;
  headers?: Record<string, string>;
  method?: 'GET' | 'POST';
  body?: string;
  warmUpS?: number;
}): Promise<MeasuredLoad> {
  const { url, pid, connections, durationS, rate, headers = {}, method = 'GET', body, warmUpS = 1 } = options;
  const request = { method, ...(body === undefined ? {} : { body }) };
  await autocannon({ url, headers, connections, duration: warmUpS, ...request });
  let result: autocannon.Result | undefined;
  const cpu = await cpuPerRequest(pid, async () => {
    result = await autocannon({
      url,
      headers,
      connections,
      duration: durationS,
      ...request,
      ...(rate === undefined ? {} : { overallRate: rate }),
    });
    return result.requests.total;
  });
  if (result === undefined) throw new Error('autocannon gave no result');
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    failures: result.errors + result.timeouts + result.non2xx,
    mainUs: cpu.mainUs,
    othersUs: cpu.othersUs,
  };
}
