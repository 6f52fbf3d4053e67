// "Try the API": any route of the template, sent from the browser; time, size, raw or pretty body,
// the requests sent before (kept in this browser), and the request as a curl command.
import type { TryRoute } from '../protocol';
import { curlCommand } from './curl';
import {
  byId,
  clockTime,
  copyText,
  element,
  fieldText,
  prettyText,
  size,
  statusClass,
  store,
  stored,
} from './dom';

/** The greeting's own example, the form's first values: the tutorial's request. */
const GREETING = {
  method: 'POST',
  path: '/helloworld',
  query: 'name=John&city=Seattle',
  headers: 'day: Thursday',
  body: '{"time":"evening"}',
};

type Sent = typeof GREETING & { status: number; ms: number; at: string };

const HISTORY_KEY = 'console.try.history';
const MAX_HISTORY = 20;

/** The form's request as fetch sends it, and as curl would. */
function requestOf(form: typeof GREETING): { url: string; init: RequestInit; headers: [string, string][] } {
  const headers: [string, string][] = [];
  for (const line of form.headers.split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  const hasBody = form.body !== '' && form.method !== 'GET' && form.method !== 'HEAD';
  if (hasBody && !headers.some(([name]) => name.toLowerCase() === 'content-type'))
    headers.push(['content-type', 'application/json']);
  const query = form.query.replace(/^\?/, '');
  const url = new URL(`${form.path}${query === '' ? '' : `?${query}`}`, location.origin).href;
  return { url, headers, init: { method: form.method, headers, ...(hasBody ? { body: form.body } : {}) } };
}

export function setUpTryForm(routes: TryRoute[]): void {
  const form = byId('try-form') as HTMLFormElement;
  const select = byId('routes') as HTMLSelectElement;
  const field = (name: string): HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement => {
    const found = form.elements.namedItem(name);
    if (!(
      found instanceof HTMLInputElement ||
      found instanceof HTMLSelectElement ||
      found instanceof HTMLTextAreaElement
    ))
      throw new Error(`the form has no field ${name}`);
    return found;
  };
  const values = (): typeof GREETING => {
    const data = new FormData(form);
    const text = (name: string): string => fieldText(data.get(name));
    return {
      method: text('method'),
      path: text('path'),
      query: text('query'),
      headers: text('headers'),
      body: text('body'),
    };
  };
  const fill = (from: typeof GREETING): void => {
    for (const name of Object.keys(GREETING) as (keyof typeof GREETING)[]) field(name).value = from[name];
  };
  for (const [index, route] of routes.entries()) select.add(new Option(route.label, String(index)));
  select.addEventListener('change', () => {
    const route = routes[Number(select.value)];
    if (route === undefined) return;
    if (route.method !== 'ANY') field('method').value = route.method;
    field('path').value = route.path;
  });
  byId('try-preset').addEventListener('click', () => {
    fill(GREETING);
  });
  form.addEventListener('submit', (submitted) => {
    submitted.preventDefault();
    void send(values(), fill);
  });
  byId('try-curl').addEventListener('click', () => {
    const { url, headers, init } = requestOf(values());
    const body = typeof init.body === 'string' ? init.body : '';
    const command = curlCommand({ method: values().method, url, headers, body, bodyBase64: false });
    byId('try-curl-text').textContent = command;
    void copyText(command, byId('try-curl-said'));
  });
  const pretty = byId('try-pretty') as HTMLInputElement;
  pretty.addEventListener('change', () => {
    showBody(pretty.checked);
  });
  showHistory(fill);
}

type Fill = (from: typeof GREETING) => void;

let lastBody = '';

function showBody(pretty: boolean): void {
  byId('try-body').textContent = pretty ? prettyText(lastBody) : lastBody;
}

async function send(form: typeof GREETING, fill: Fill): Promise<void> {
  const { url, init } = requestOf(form);
  const started = performance.now();
  const response = await fetch(url, init);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const ms = performance.now() - started;
  const status = byId('try-status');
  status.textContent = `${response.status} ${response.statusText}`;
  status.className = statusClass(response.status);
  byId('try-time').textContent = `${ms.toFixed(0)} ms`;
  byId('try-size').textContent = size(bytes.length);
  byId('try-headers').textContent = [...response.headers]
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');
  lastBody = new TextDecoder().decode(bytes);
  showBody((byId('try-pretty') as HTMLInputElement).checked);
  byId('try-result').hidden = false;
  const history = stored<Sent[]>(HISTORY_KEY, []);
  history.unshift({ ...form, status: response.status, ms: Math.round(ms), at: new Date().toISOString() });
  store(HISTORY_KEY, history.slice(0, MAX_HISTORY));
  showHistory(fill);
}

/** The requests sent from this browser, newest first: a click puts one back in the form. */
function showHistory(fill: Fill): void {
  const list = byId('try-history');
  const history = stored<Sent[]>(HISTORY_KEY, []);
  byId('try-history-section').hidden = history.length === 0;
  list.replaceChildren(
    ...history.map((sent) => {
      const item = element('li');
      const button = element(
        'button',
        `${sent.method} ${sent.path}${sent.query === '' ? '' : `?${sent.query}`}`,
      );
      button.type = 'button';
      button.className = 'link';
      button.addEventListener('click', () => {
        fill(sent);
      });
      item.append(
        button,
        ' ',
        element('span', String(sent.status), statusClass(sent.status)),
        ` ${sent.ms} ms, ${clockTime(new Date(sent.at))}`,
      );
      return item;
    }),
  );
}
