import { randomUUID } from 'node:crypto';
import type { InvocationRecord, InvocationSummary } from './console-protocol';
import type { InvokeOutcome } from './invoke';

export const MAX_RECORDS = 50;

/** The most recent invocations, newest first, and who wants to hear of the next ones. */
export class Inspector {
  private records: InvocationRecord[] = [];
  private readonly listeners = new Set<(summary: InvocationSummary) => void>();

  record(invocation: Omit<InvocationRecord, 'id' | 'time'>): void {
    const record = { id: randomUUID(), time: new Date().toISOString(), ...invocation };
    this.records = [record, ...this.records].slice(0, MAX_RECORDS);
    const summary = summarize(record);
    for (const listener of this.listeners) listener(summary);
  }

  list(): InvocationSummary[] {
    return this.records.map(summarize);
  }

  get(id: string): InvocationRecord | undefined {
    return this.records.find((record) => record.id === id);
  }

  subscribe(listener: (summary: InvocationSummary) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

function summarize({
  id,
  time,
  functionId,
  trigger,
  status,
  durationMs,
}: InvocationRecord): InvocationSummary {
  return { id, time, functionId, trigger, status, durationMs };
}

/** What an invocation's outcome shows as its result: the returned value, or the error. */
export function resultOf(outcome: InvokeOutcome): unknown {
  if (outcome.kind === 'result') return outcome.result;
  if (outcome.kind === 'timeout') return { errorType: 'Sandbox.Timedout', timeoutMs: outcome.timeoutMs };
  return outcome.error;
}
