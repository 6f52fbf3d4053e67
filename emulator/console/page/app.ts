// The local console: a form for the REST API, a WebSocket panel, and a live list of invocations.
// Served by `npm start` under /_console/; it talks only to the server that served it.
import type { ConsoleInfo, InvocationRecord, InvocationSummary, TryRoute } from '../protocol';

type Summary = InvocationSummary;
type Details = InvocationRecord;

const byId = (id: string): HTMLElement => {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`the page has no #${id}`);
  return element;
};

const pretty = (value: unknown): string => JSON.stringify(value, null, 2);

async function getJson(path: string): Promise<unknown> {
  const response = await fetch(path);
  return response.json();
}

/** A form field's text: the form holds no files. */
const fieldText = (value: FormDataEntryValue | null): string => (typeof value === 'string' ? value : '');

// --- Try the REST API -------------------------------------------------------------------------

/** The greeting's own example, the form's first values: the tutorial's request. */
const GREETING = {
  method: 'POST',
  path: '/helloworld',
  query: 'name=John&city=Seattle',
  headers: 'day: Thursday',
  body: '{"time":"evening"}',
};

function setUpTryForm(routes: TryRoute[]): void {
  const form = byId('try-form') as HTMLFormElement;
  const select = byId('routes') as HTMLSelectElement;
  const field = (name: string): HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement => {
    const element = form.elements.namedItem(name);
    if (!(
      element instanceof HTMLInputElement ||
      element instanceof HTMLSelectElement ||
      element instanceof HTMLTextAreaElement
    ))
      throw new Error(`the form has no field ${name}`);
    return element;
  };
  for (const [index, route] of routes.entries()) select.add(new Option(route.label, String(index)));
  select.addEventListener('change', () => {
    const route = routes[Number(select.value)];
    if (route === undefined) return;
    if (route.method !== 'ANY') field('method').value = route.method;
    field('path').value = route.path;
  });
  byId('try-preset').addEventListener('click', () => {
    for (const [name, value] of Object.entries(GREETING)) field(name).value = value;
  });
  form.addEventListener('submit', (submitted) => {
    submitted.preventDefault();
    void sendTry(new FormData(form));
  });
}

async function sendTry(data: FormData): Promise<void> {
  const field = (name: string): string => fieldText(data.get(name));
  const method = field('method');
  const headers: Record<string, string> = {};
  for (const line of field('headers').split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  const body = field('body');
  if (body !== '' && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-type'))
    headers['content-type'] = 'application/json';
  const query = field('query').replace(/^\?/, '');
  const response = await fetch(`${field('path')}${query === '' ? '' : `?${query}`}`, {
    method,
    headers,
    ...(body !== '' && method !== 'GET' && method !== 'HEAD' ? { body } : {}),
  });
  byId('try-status').textContent = `${response.status} ${response.statusText}`;
  byId('try-headers').textContent = [...response.headers]
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');
  const text = await response.text();
  try {
    byId('try-body').textContent = pretty(JSON.parse(text));
  } catch {
    byId('try-body').textContent = text;
  }
  byId('try-result').hidden = false;
}

// --- Try the WebSocket API --------------------------------------------------------------------

function setUpWebSocket(): void {
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`;
  byId('ws-url').textContent = url;
  const connectButton = byId('ws-connect') as HTMLButtonElement;
  const disconnectButton = byId('ws-disconnect') as HTMLButtonElement;
  const sendButton = byId('ws-send') as HTMLButtonElement;
  const state = byId('ws-state');
  const replies = byId('ws-replies');
  let socket: WebSocket | undefined;

  const connected = (open: boolean): void => {
    state.textContent = open ? 'Connected' : 'Disconnected';
    connectButton.disabled = open;
    disconnectButton.disabled = !open;
    sendButton.disabled = !open;
  };
  connectButton.addEventListener('click', () => {
    socket = new WebSocket(url);
    socket.addEventListener('open', () => {
      connected(true);
    });
    socket.addEventListener('close', () => {
      connected(false);
    });
    socket.addEventListener('message', (message: MessageEvent<string>) => {
      const item = document.createElement('li');
      item.textContent = message.data;
      replies.prepend(item);
    });
  });
  disconnectButton.addEventListener('click', () => {
    socket?.close();
  });
  const form = byId('ws-form') as HTMLFormElement;
  form.addEventListener('submit', (submitted) => {
    submitted.preventDefault();
    const message: Record<string, string> = { action: 'greet' };
    for (const [name, value] of new FormData(form))
      if (fieldText(value) !== '') message[name] = fieldText(value);
    socket?.send(JSON.stringify(message));
  });
}

// --- Inspector ---------------------------------------------------------------------------------

function setUpInspector(initial: Summary[]): void {
  const body = byId('invocations') as HTMLTableSectionElement;
  for (const summary of [...initial].reverse()) addRow(body, summary);
  // Server-sent events: a request made anywhere (curl in another terminal) shows up at once.
  const stream = new EventSource('/_console/api/stream');
  stream.addEventListener('invocation', (message) => {
    addRow(body, JSON.parse((message as MessageEvent<string>).data) as Summary);
  });
  stream.addEventListener('types', (message) => {
    showTypes(JSON.parse((message as MessageEvent<string>).data) as string[]);
  });
}

/** The project's type errors as the checker last found them; the section hides when there are none. */
function showTypes(diagnostics: string[]): void {
  const list = byId('types-list');
  list.replaceChildren(
    ...diagnostics.map((text) => {
      const item = document.createElement('li');
      item.textContent = text;
      return item;
    }),
  );
  byId('types-section').hidden = diagnostics.length === 0;
}

const MAX_ROWS = 50;

function addRow(body: HTMLTableSectionElement, summary: Summary): void {
  const row = body.insertRow(0);
  row.dataset.id = summary.id;
  const time = new Date(summary.time).toLocaleTimeString();
  const open = document.createElement('button');
  open.type = 'button';
  open.textContent = time;
  open.setAttribute('aria-label', `Show ${summary.trigger} at ${time}`);
  open.addEventListener('click', () => {
    void showDetails(body, summary.id);
  });
  row.insertCell().append(open);
  for (const text of [
    summary.functionId,
    summary.trigger,
    String(summary.status),
    String(summary.durationMs),
  ]) {
    row.insertCell().textContent = text;
  }
  while (body.rows.length > MAX_ROWS) body.deleteRow(-1);
}

async function showDetails(body: HTMLTableSectionElement, id: string): Promise<void> {
  const details = (await getJson(`/_console/api/invocations/${id}`)) as Details;
  for (const row of body.rows) row.setAttribute('aria-selected', String(row.dataset.id === id));
  byId('details-event').textContent = pretty(details.event);
  byId('details-result').textContent = pretty(details.result);
  byId('details-logs').textContent = details.logs.join('\n');
  // How an authorizer decided: its event, its answer (or the cache's), and the statement that decided.
  const { authorization } = details;
  byId('details-authorization-section').hidden = authorization === undefined;
  byId('details-decision').textContent =
    authorization === undefined
      ? ''
      : `${authorization.authorizer}${authorization.cached ? ', from the cache' : ''}: ${authorization.decision}`;
  byId('details-authorization').textContent =
    authorization === undefined ? '' : pretty({ input: authorization.input, answer: authorization.answer });
  // An integration that is not a Lambda proxy: each stage, as API Gateway's test console logs it.
  const steps = details.steps ?? [];
  byId('details-steps-section').hidden = steps.length === 0;
  byId('details-steps').replaceChildren(
    ...steps.map(({ stage, detail }) => {
      const item = document.createElement('li');
      const title = document.createElement('strong');
      title.textContent = stage;
      const text = document.createElement('pre');
      text.textContent = pretty(detail);
      item.append(title, text);
      return item;
    }),
  );
  byId('details').hidden = false;
  // The list is 50 rows long: bring what was selected into view.
  byId('details').scrollIntoView({ behavior: 'smooth', block: 'start' });
}

/** The invoke form: a function, an event from events/ (or written by hand), sent to the local Invoke API. */
function setUpInvokeForm(functions: string[], events: { name: string; body: string }[]): void {
  if (functions.length === 0) {
    byId('invoke-section').hidden = true;
    return;
  }
  const form = byId('invoke-form') as HTMLFormElement;
  const functionSelect = byId('invoke-functions') as HTMLSelectElement;
  const eventSelect = byId('invoke-events') as HTMLSelectElement;
  const eventText = form.elements.namedItem('event') as HTMLTextAreaElement;
  functionSelect.replaceChildren(...functions.map((name) => new Option(name, name)));
  eventSelect.replaceChildren(
    new Option('(write it below)', ''),
    ...events.map(({ name }) => new Option(name, name)),
  );
  eventSelect.addEventListener('change', () => {
    const chosen = events.find(({ name }) => name === eventSelect.value);
    if (chosen !== undefined) eventText.value = chosen.body;
  });
  form.addEventListener('submit', (submitted) => {
    submitted.preventDefault();
    void (async () => {
      const response = await fetch(
        `/2015-03-31/functions/${encodeURIComponent(functionSelect.value)}/invocations`,
        { method: 'POST', body: eventText.value },
      );
      const error = response.headers.get('x-amz-function-error');
      byId('invoke-status').textContent =
        `${response.status}${error === null ? '' : `, function error (${error})`}`;
      const text = await response.text();
      let shown = text;
      try {
        shown = pretty(JSON.parse(text) as unknown);
      } catch {
        // Not JSON: shown as it came.
      }
      byId('invoke-payload').textContent = shown;
      byId('invoke-result').hidden = false;
    })();
  });
}

async function main(): Promise<void> {
  const [info, invocations] = (await Promise.all([
    getJson('/_console/api/info'),
    getJson('/_console/api/invocations'),
  ])) as [ConsoleInfo, Summary[]];
  showTypes(info.types);
  setUpTryForm(info.routes);
  setUpInvokeForm(info.functions, info.events);
  if (info.webSocket) setUpWebSocket();
  else byId('ws-section').hidden = true;
  setUpInspector(invocations);
}

void main();
