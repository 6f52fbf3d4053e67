import { randomUUID } from 'node:crypto';
import type { ReportedInvocation } from '../gateway/invocation-record';
import { renderAccessLog } from '../gateway/access-log';
import { detailOf } from '../gateway/stage-clock';
import { KEPT_ROWS, type ErrorDetails, type InvocationRecord, type InvocationSummary } from './protocol';

interface StoredRecord {
  id: string;
  time: string;
  reported: ReportedInvocation;
  /** A long request body its event still holds (the event is built from it when read); 0 once let go. */
  heldBytes: number;
}

/**
 * At most this much of long request bodies stays held by the kept rows' events (100 rows of 10 MB
 * bodies would be a gigabyte): past it, the oldest such events are let go, and say so when read.
 */
export const MAX_HELD_BODY_BYTES = 32 * 1024 * 1024;

const LET_GO = (): string =>
  `(let go: the console keeps the events of long requests only while their bodies total under ${MAX_HELD_BODY_BYTES / 1024 / 1024} MB)`;

/** The most recent requests and invocations, newest first, and who wants to hear of the next ones. */
export class RecentInvocations {
  private records: StoredRecord[] = [];
  private heldBytes = 0;
  private readonly listeners = new Set<(summary: InvocationSummary) => void>();

  /** Kept as reported (references, no copies): a row is summarized when someone reads it. */
  record(reported: ReportedInvocation): void {
    const bytes = reported.request?.truncated === true ? reported.request.bytes : 0;
    const record = { id: randomUUID(), time: new Date().toISOString(), reported, heldBytes: bytes };
    this.records.unshift(record);
    this.heldBytes += bytes;
    if (this.records.length > KEPT_ROWS) this.heldBytes -= this.records.pop()?.heldBytes ?? 0;
    for (let index = this.records.length - 1; this.heldBytes > MAX_HELD_BODY_BYTES && index > 0; index--) {
      const old = this.records[index];
      if (old === undefined || old.heldBytes === 0) continue;
      this.heldBytes -= old.heldBytes;
      old.heldBytes = 0;
      // The event's input and the stages' details (a mapping's body) are what hold the body.
      const steps = old.reported.steps?.map(({ stage, startMs, ms }) => ({
        stage,
        detail: undefined,
        startMs,
        ms,
      }));
      old.reported = { ...old.reported, event: LET_GO, ...(steps === undefined ? {} : { steps }) };
    }
    if (this.listeners.size === 0) return;
    const summary = summarize(record);
    for (const listener of this.listeners) listener(summary);
  }

  list(): InvocationSummary[] {
    return this.records.map(summarize);
  }

  get(id: string): InvocationRecord | undefined {
    const record = this.records.find((candidate) => candidate.id === id);
    return record === undefined ? undefined : details(record);
  }

  subscribe(listener: (summary: InvocationSummary) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

function summarize({ id, time, reported }: StoredRecord): InvocationSummary {
  const { request, response, functionId, trigger, status, durationMs, authorization, steps } = reported;
  const errorType = errorOf(reported.result)?.errorType;
  const webSocket = request === undefined && trigger.startsWith('WS ');
  return {
    id,
    time,
    method: request?.method ?? (webSocket ? 'WS' : 'INVOKE'),
    target: request?.url ?? (webSocket ? trigger.slice('WS '.length) : trigger),
    status,
    durationMs,
    ...(response === undefined ? {} : { bytes: response.bytes }),
    ...(functionId === undefined ? {} : { functionId }),
    trigger,
    authorizer: authorization !== undefined,
    cached: authorization?.cached === true,
    mapping: steps?.some((step) => step.stage === 'Integration request') === true,
    failed: status >= 500 || errorType !== undefined,
    ...(errorType === undefined ? {} : { errorType }),
  };
}

function details(record: StoredRecord): InvocationRecord {
  const { reported } = record;
  const { request, response, authorization, connectionId, accessLog } = reported;
  const error = errorOf(reported.result);
  return {
    ...summarize(record),
    event: reported.event(),
    result: reported.result,
    logs: reported.logs,
    steps: (reported.steps ?? []).map((step) => ({ ...step, detail: detailOf(step) })),
    ...(error === undefined ? {} : { error }),
    ...(authorization === undefined ? {} : { authorization }),
    ...(request === undefined
      ? {}
      : {
          request: {
            method: request.method,
            url: request.url,
            headers: pairs(request.rawHeaders),
            ...bodyText(request.body),
            truncated: request.truncated,
          },
        }),
    ...(response === undefined ? {} : { response }),
    ...(connectionId === undefined ? {} : { connectionId }),
    ...(accessLog === undefined ? {} : { accessLog: renderAccessLog(accessLog.format, accessLog.values()) }),
  };
}

/** A function's error (its type, message and stack), as the runtime reports it; else undefined. */
function errorOf(result: unknown): ErrorDetails | undefined {
  if (typeof result !== 'object' || result === null) return undefined;
  const { errorType, errorMessage, stack, trace, timeoutMs } = result as Record<string, unknown>;
  if (typeof errorType !== 'string') return undefined;
  const message =
    typeof errorMessage === 'string'
      ? errorMessage
      : typeof timeoutMs === 'number'
        ? `Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`
        : '';
  const lines =
    typeof stack === 'string'
      ? stack.split('\n')
      : Array.isArray(trace)
        ? trace.filter((line): line is string => typeof line === 'string')
        : [];
  return { errorType, errorMessage: message, stack: lines };
}

function pairs(raw: string[]): [string, string][] {
  const headers: [string, string][] = [];
  for (let index = 0; index + 1 < raw.length; index += 2)
    headers.push([raw[index] ?? '', raw[index + 1] ?? '']);
  return headers;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function bodyText(body: Uint8Array): { body: string; bodyBase64: boolean } {
  try {
    return { body: utf8.decode(body), bodyBase64: false };
  } catch {
    return { body: Buffer.from(body).toString('base64'), bodyBase64: true };
  }
}
