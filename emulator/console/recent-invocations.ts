import { randomUUID } from 'node:crypto';
import type { ReportedInvocation } from '../gateway/invocation-record';
import type { InvocationRecord, InvocationSummary } from './protocol';

export const MAX_RECORDS = 50;

type StoredRecord = Omit<InvocationRecord, 'event'> & { event: () => unknown };

/** The most recent invocations, newest first, and who wants to hear of the next ones. */
export class RecentInvocations {
  private records: StoredRecord[] = [];
  private readonly listeners = new Set<(summary: InvocationSummary) => void>();

  record(invocation: ReportedInvocation): void {
    const { functionId, trigger, status, durationMs, event, result, logs, authorization, steps } = invocation;
    // Field by field, not by spreading: see Handled in gateway/handled-request.ts.
    const record = {
      id: randomUUID(),
      time: new Date().toISOString(),
      functionId,
      trigger,
      status,
      durationMs,
      event,
      result,
      logs,
      authorization,
      steps,
    };
    this.records.unshift(record);
    if (this.records.length > MAX_RECORDS) this.records.pop();
    const summary = summarize(record);
    for (const listener of this.listeners) listener(summary);
  }

  list(): InvocationSummary[] {
    return this.records.map(summarize);
  }

  get(id: string): InvocationRecord | undefined {
    const record = this.records.find((candidate) => candidate.id === id);
    return record === undefined ? undefined : { ...record, event: record.event() };
  }

  subscribe(listener: (summary: InvocationSummary) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

function summarize({ id, time, functionId, trigger, status, durationMs }: StoredRecord): InvocationSummary {
  return { id, time, functionId, trigger, status, durationMs };
}
