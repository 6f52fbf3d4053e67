import type { ReportedInvocation } from './invocation-record';
import type { ServerResponse } from 'node:http';
import type { HttpReply } from './http-reply';

/**
 * What a gateway answers, and for a request that invoked a function, what the terminal and the
 * console are told of it. Built from fresh literals, never by spreading one object into another:
 * under load, with spread copies here and in the console's records, 1.3 KB per request reached V8's
 * old generation and the HTTP thread paused for GC three times as long; without them, 0.06 KB.
 */
export interface Handled {
  http: HttpReply;
  /**
   * A reply written as it comes (a streamed function URL response) instead of `http`: it writes
   * status, headers and each chunk itself, and resolves with what the access line tells of it.
   */
  stream?: (response: ServerResponse) => Promise<HttpReply>;
  /** What the access line adds: a guard that let the request in without being able to check it. */
  note?: string;

  invoked?: {
    requestId: string;
    logs: string[];
    record: Pick<ReportedInvocation, 'functionId' | 'trigger' | 'event' | 'result' | 'authorization'>;
  };
}
