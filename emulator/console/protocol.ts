// What the local console's page and its server say to each other; imported by both, so it imports
// types only.
import type { AuthorizationRecord, ExecutionStep } from '../gateway/invocation-record';

/** The rows the server keeps while it runs (a reloaded page shows them again), and the page lists. */
export const KEPT_ROWS = 100;

/** One row of the console's list: a request (and its invocation, if any), or a WebSocket route's invocation. */
export interface InvocationSummary {
  id: string;
  time: string;
  /** `GET`, `POST`, ...; `WS` for a WebSocket route. */
  method: string;
  /** The path and query as requested; a WebSocket route's key. */
  target: string;
  status: number;
  durationMs: number;
  /** The response body's size; none for a WebSocket route. */
  bytes?: number;
  functionId?: string;
  /** The route (`ANY /helloworld`) or WebSocket route key (`WS greet`) that led to it. */
  trigger: string;
  /** An authorizer (or IAM) decided; `cached`: from the authorizer cache. */
  authorizer: boolean;
  cached: boolean;
  /** A non-proxy integration, with its mapping templates, answered. */
  mapping: boolean;
  /** A 5xx, or a function that failed (the Invoke API answers 200 for those). */
  failed: boolean;
  errorType?: string;
}

/** A function's failure as the console shows it: its stack as lines (source-mapped where the function maps them). */
export interface ErrorDetails {
  errorType: string;
  errorMessage: string;
  stack: string[];
}

/** Everything of one row: what the client sent, what the function received, returned and printed, each stage. */
export interface InvocationRecord extends InvocationSummary {
  event: unknown;
  result: unknown;
  logs: string[];
  error?: ErrorDetails;
  /** For a method with an authorizer: how the request was let in, or refused (then nothing was invoked). */
  authorization?: AuthorizationRecord;
  /** The stages of the request, timed, with what each held. */
  steps: ExecutionStep[];
  request?: {
    method: string;
    url: string;
    headers: [string, string][];
    /** UTF-8 text, or base64 when the bytes are not text. */
    body: string;
    bodyBase64: boolean;
    truncated: boolean;
  };
  response?: { headers: [string, string][]; bytes: number };
  connectionId?: string;
  /** The line the stage's access log Format makes of this request, and the variables written `-` here. */
  accessLog?: { line: string; unknown: string[] };
}

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
  /** Each WebSocket API and the path its stage is reached at (`/Prod`; `/` reaches the first). */
  webSocketApis: { id: string; stage: string; path: string }[];
  /** The functions the local Invoke API answers for, and the sample events of `events/`, for the invoke form. */
  functions: string[];
  events: { name: string; body: string }[];
  /** The project's type errors (`file:line:col TS1234 message`), as the checker last found them; live as `types` events. */
  types: string[];
}

/** GET /_console/api/connections: the WebSocket connections open now, newest last. */
export interface OpenConnection {
  apiId: string;
  stage: string;
  connectionId: string;
  connectedAt: number;
}
