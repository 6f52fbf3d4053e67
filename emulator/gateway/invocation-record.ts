// What the edge tells of each invocation; whoever listens (the console) takes it from here.
import type { AccessLog } from './access-log';

/** How a request guarded by an authorizer was decided: the one thing no other local tool explains. */
export interface AuthorizationRecord {
  /** `TokenAuth (TOKEN, AuthorizerFunction)` */
  authorizer: string;
  /** The authorizer's event; null when it was not invoked. */
  input: unknown;
  /** What it answered (or threw); null when it was not invoked. */
  answer: unknown;
  /** Whether the answer came from the authorizer cache. */
  cached: boolean;
  /** The decision, and the policy statement that made it. */
  decision: string;
}

/**
 * One stage of a request's execution, as API Gateway's test console logs it: its name, what it held,
 * and when it ran (ms from the request's arrival; see StageClock).
 */
export interface ExecutionStep {
  stage: string;
  detail: unknown;
  startMs?: number;
  ms?: number;
}

/** An HTTP request as the client sent it: what the console's "copy as curl" repeats. */
export interface RequestRecord {
  method: string;
  /** Path and query, as sent. */
  url: string;
  /** As sent, in order: name, value, name, value (Node's rawHeaders, kept as they are). */
  rawHeaders: string[];
  /** The body (its first MAX_RECORDED_BODY_BYTES), and whether it was longer. */
  body: Uint8Array;
  truncated: boolean;
  /** The whole body's size. */
  bytes: number;
}

/** A request or invocation as a gateway reports it. Its event is built only if a listener asks for it. */
export interface ReportedInvocation {
  /** The function invoked; none for a request the gateway answered itself (an unknown path, a refusal, a MOCK). */
  functionId?: string;
  /** The route (`GET /helloworld`) or WebSocket route key (`WS greet`) that led to it. */
  trigger: string;
  status: number;
  durationMs: number;
  event: () => unknown;
  result: unknown;
  logs: string[];
  /** For a method with an authorizer: how the request was let in, or refused (then nothing was invoked). */
  authorization?: AuthorizationRecord;
  /** The request's stages, timed: routing, authorization, validation, integration, method response. */
  steps?: ExecutionStep[];
  /** An HTTP request's own record; none for a WebSocket message. */
  request?: RequestRecord;
  /** What went back: its headers and its body's size. */
  response?: { headers: [string, string][]; bytes: number };
  /** A WebSocket route's connection. */
  connectionId?: string;
  /** The stage's access log for this request, when the stage has one. */
  accessLog?: AccessLog;
}
