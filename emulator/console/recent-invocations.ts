import { randomUUID } from 'node:crypto';
import type { ReportedInvocation } from '../gateway/invocation-record';
import { detailOf } from '../gateway/stage-clock';
import { KEPT_ROWS, type ErrorDetails, type InvocationRecord, type InvocationSummary } from './protocol';

interface StoredRecord {
  id: string;
  time: string;
  reported: ReportedInvocation;
}

/** The most recent requests and invocations, newest first, and who wants to hear of the next ones. */
export class RecentInvocations {
  private records: StoredRecord[] = [];
  private readonly listeners = new Set<(summary: InvocationSummary) => void>();

  /** Kept as reported (references, no copies): a row is summarized when someone reads it. */
  record(reported: ReportedInvocation): void {
    const record = { id: randomUUID(), time: new Date().toISOString(), reported };
    this.records.unshift(record);
    if (this.records.length > KEPT_ROWS) this.records.pop();
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
  const { request, response, authorization, connectionId } = reported;
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
