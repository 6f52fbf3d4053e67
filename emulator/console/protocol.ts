// What the local console's page and its server say to each other; imported by both, so it imports
// nothing itself.

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
}

export type InvocationSummary = Omit<InvocationRecord, 'event' | 'result' | 'logs'>;

/** GET /_console/api/info */
export interface ConsoleInfo {
  /** REST paths the "try it" form offers (those with no path parameters). */
  paths: string[];
  webSocket: boolean;
}
