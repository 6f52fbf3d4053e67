// One row's details, read like API Gateway's test console: the stages with their times, the error
// (type, message, stack as lines), the log lines, the request as sent (and as curl), the event, the result.
import type { InvocationRecord } from '../protocol';
import { curlCommand } from './curl';
import { byId, copyText, element, getJson, pretty, size, statusClass } from './dom';

let current: InvocationRecord | undefined;

export function setUpDetails(): void {
  byId('details-curl').addEventListener('click', () => {
    const request = current?.request;
    if (request === undefined) return;
    const command = curlCommand({ ...request, url: new URL(request.url, location.origin).href });
    byId('details-curl-text').textContent = command;
    void copyText(command, byId('details-curl-said'));
  });
}

export async function showDetails(id: string): Promise<void> {
  const details = (await getJson(`/_console/api/invocations/${id}`)) as InvocationRecord;
  current = details;
  const heading = byId('details-summary');
  heading.replaceChildren(
    element('span', String(details.status), `status ${statusClass(details.status)}`),
    ` ${details.method} ${details.target} · ${details.durationMs} ms`,
    details.bytes === undefined ? '' : ` · ${size(details.bytes)}`,
    details.functionId === undefined ? '' : ` · ${details.functionId}`,
    ` · ${details.trigger}`,
    details.connectionId === undefined ? '' : ` · connection ${details.connectionId}`,
  );
  byId('details-curl').hidden = details.request === undefined;
  byId('details-curl-text').textContent = '';
  byId('details-curl-said').textContent = '';
  showTimeline(details.steps);
  showError(details);
  byId('details-logs').textContent = details.logs.length === 0 ? '(none)' : details.logs.join('\n');
  const { request, response } = details;
  byId('details-request-section').hidden = request === undefined;
  byId('details-request').textContent =
    request === undefined
      ? ''
      : [
          `${request.method} ${request.url}`,
          ...request.headers.map(([name, value]) => `${name}: ${value}`),
          '',
          request.bodyBase64 ? `(base64) ${request.body}` : request.body,
          request.truncated ? '(the body goes on: the console keeps its first 64 KB)' : '',
        ].join('\n');
  byId('details-response').textContent =
    response === undefined ? '' : response.headers.map(([name, value]) => `${name}: ${value}`).join('\n');
  byId('details-response-section').hidden = response === undefined;
  showAccessLog(details.accessLog);
  byId('details-event').textContent = pretty(details.event);
  byId('details-result').textContent = pretty(details.result);
  // How an authorizer decided: its event, its answer (or the cache's), and the statement that decided.
  const { authorization } = details;
  byId('details-authorization-section').hidden = authorization === undefined;
  byId('details-decision').textContent =
    authorization === undefined
      ? ''
      : `${authorization.authorizer}${authorization.cached ? ', from the cache' : ''}: ${authorization.decision}`;
  byId('details-authorization').textContent =
    authorization === undefined ? '' : pretty({ input: authorization.input, answer: authorization.answer });
  byId('details').hidden = false;
  // The list is long: bring what was selected into view.
  byId('details').scrollIntoView({ behavior: 'smooth', block: 'start' });
}

/** Each stage: its name, when it began and how long it took (a bar on the request's whole time), what it held. */
function showTimeline(steps: InvocationRecord['steps']): void {
  const total = Math.max(...steps.map((step) => (step.startMs ?? 0) + (step.ms ?? 0)), 0.001);
  byId('details-timeline').replaceChildren(
    ...steps.map((step) => {
      const item = element('li');
      const start = step.startMs ?? 0;
      const ms = step.ms ?? 0;
      const head = element('div', undefined, 'step-head');
      head.append(
        element('strong', step.stage),
        element('span', `+${start.toFixed(1)} ms`, 'number'),
        element('span', `${ms.toFixed(1)} ms`, 'number'),
      );
      const bar = element('div', undefined, 'bar');
      bar.style.marginLeft = `${(100 * start) / total}%`;
      bar.style.width = `max(2px, ${(100 * ms) / total}%)`;
      item.append(head, bar);
      if (step.detail !== undefined && step.detail !== null)
        item.append(element('pre', typeof step.detail === 'string' ? step.detail : pretty(step.detail)));
      return item;
    }),
  );
}

function showError(details: InvocationRecord): void {
  const { error } = details;
  byId('details-error-section').hidden = error === undefined;
  if (error === undefined) return;
  byId('details-error-type').textContent = error.errorType;
  byId('details-error-message').textContent = error.errorMessage;
  byId('details-error-stack').replaceChildren(...error.stack.map((line) => element('li', line.trim())));
}

function showAccessLog(accessLog: InvocationRecord['accessLog']): void {
  byId('details-access-log-section').hidden = accessLog === undefined;
  if (accessLog === undefined) return;
  byId('details-access-log').textContent = accessLog.line;
  const notes: string[] = [];
  if (accessLog.line.trimStart().startsWith('{')) {
    try {
      JSON.parse(accessLog.line);
    } catch {
      notes.push('Not valid JSON: CloudWatch Logs Insights would not read its fields.');
    }
  }
  if (accessLog.unknown.length > 0)
    notes.push(
      `Written "-" here, not known locally: ${accessLog.unknown.map((name) => `$context.${name}`).join(', ')}.`,
    );
  byId('details-access-log-note').textContent = notes.join(' ');
}
