// What the edge tells of each invocation; whoever listens (the console) takes it from here.

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

/** One stage of a request's execution, as API Gateway's test console logs it: its name and what it held. */
export interface ExecutionStep {
  stage: string;
  detail: unknown;
}

/** An invocation as a gateway reports it. Its event is built only if a listener asks for it. */
export interface ReportedInvocation {
  functionId: string;
  /** The route (`GET /helloworld`) or WebSocket route key (`WS greet`) that led to it. */
  trigger: string;
  status: number;
  durationMs: number;
  event: () => unknown;
  result: unknown;
  logs: string[];
  /** For a method with an authorizer: how the request was let in, or refused (then nothing was invoked). */
  authorization?: AuthorizationRecord;
  /** For an integration that is not a Lambda proxy: each stage from method request to method response. */
  steps?: ExecutionStep[];
}
