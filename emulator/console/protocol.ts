// What the local console's page and its server say to each other; imported by both, so it imports
// types only.
import type { AuthorizationRecord, ExecutionStep } from '../gateway/invocation-record';

/** One invocation as the console shows it: what the function received, returned and printed. */
export interface InvocationRecord {
  id: string;
  time: string;
  functionId: string;
  /** The route (`GET /helloworld`) or WebSocket route key (`WS greet`) that led to it. */
  trigger: string;
  status: number;
  durationMs: number;
  event: unknown;
  result: unknown;
  logs: string[];
  /** For a method with an authorizer: how the request was let in, or refused (then nothing was invoked). */
  authorization?: AuthorizationRecord;
  /** For an integration that is not a Lambda proxy: method request, integration request and response, method response. */
  steps?: ExecutionStep[];
}

export type InvocationSummary = Omit<
  InvocationRecord,
  'event' | 'result' | 'logs' | 'authorization' | 'steps'
>;

/** A route the "try it" form offers: its URL path (stage prefix included), `{param}`s left to fill. */
export interface TryRoute {
  /** `ANY /helloworld`, `DevApi GET /me`, `HTTP GET /items/{id}` */
  label: string;
  /** Upper case, or ANY. */
  method: string;
  path: string;
}

/** GET /_console/api/info */
export interface ConsoleInfo {
  /** Every route of every REST and HTTP API the template serves, for the "try it" form. */
  routes: TryRoute[];
  webSocket: boolean;
  /** The functions the local Invoke API answers for, and the sample events of `events/`, for the invoke form. */
  functions: string[];
  events: { name: string; body: string }[];
  /** The project's type errors (`file:line:col TS1234 message`), as the checker last found them; live as `types` events. */
  types: string[];
}
