// The list of requests and invocations, newest first and live, with filters; a row opens its details.
import { KEPT_ROWS, type InvocationSummary } from '../protocol';
import { showDetails } from './details';
import { byId, clockTime, element, size, statusClass, store, stored } from './dom';

const FILTER_KEY = 'console.filters';

interface Filters {
  text: string;
  status: string;
  fn: string;
  route: string;
}

const rows: InvocationSummary[] = [];

export function setUpInspector(initial: InvocationSummary[]): void {
  rows.push(...initial);
  const controls = filterControls();
  const saved = stored<Filters>(FILTER_KEY, { text: '', status: '', fn: '', route: '' });
  controls.text.value = saved.text;
  for (const [name, select] of [
    ['status', controls.status],
    ['fn', controls.fn],
    ['route', controls.route],
  ] as const) {
    select.dataset.wanted = saved[name];
  }
  for (const control of [controls.text, controls.status, controls.fn, controls.route])
    control.addEventListener('input', render);
  byId('filter-clear').addEventListener('click', () => {
    controls.text.value = '';
    for (const select of [controls.status, controls.fn, controls.route]) {
      select.value = '';
      select.dataset.wanted = '';
    }
    render();
  });
  render();
  // Server-sent events: a request made anywhere (curl in another terminal) shows up at once.
  const stream = new EventSource('/_console/api/stream');
  stream.addEventListener('invocation', (message) => {
    rows.unshift(JSON.parse((message as MessageEvent<string>).data) as InvocationSummary);
    if (rows.length > KEPT_ROWS) rows.pop();
    render();
  });
  stream.addEventListener('types', (message) => {
    showTypes(JSON.parse((message as MessageEvent<string>).data) as string[]);
  });
}

function filterControls(): {
  text: HTMLInputElement;
  status: HTMLSelectElement;
  fn: HTMLSelectElement;
  route: HTMLSelectElement;
} {
  return {
    text: byId('filter-text') as HTMLInputElement,
    status: byId('filter-status') as HTMLSelectElement,
    fn: byId('filter-function') as HTMLSelectElement,
    route: byId('filter-route') as HTMLSelectElement,
  };
}

/** A select's options: "all", then each value the rows have; the chosen one kept. */
function offer(select: HTMLSelectElement, all: string, values: string[]): void {
  const wanted = select.value === '' ? (select.dataset.wanted ?? '') : select.value;
  const distinct = [...new Set(values)].sort();
  if (wanted !== '' && !distinct.includes(wanted)) distinct.push(wanted);
  select.replaceChildren(new Option(all, ''), ...distinct.map((value) => new Option(value, value)));
  select.value = wanted;
}

const searchable = (row: InvocationSummary): string =>
  [row.method, row.target, row.status, row.functionId ?? '', row.trigger, row.errorType ?? '']
    .join(' ')
    .toLowerCase();

function matches(row: InvocationSummary, filters: Filters): boolean {
  if (filters.text !== '' && !searchable(row).includes(filters.text.toLowerCase())) return false;
  if (filters.status === 'failed' && !row.failed) return false;
  if (
    filters.status !== '' &&
    filters.status !== 'failed' &&
    statusClass(row.status) !== `s${filters.status}`
  )
    return false;
  if (filters.fn !== '' && row.functionId !== filters.fn) return false;
  return filters.route === '' || row.trigger === filters.route;
}

let selected: string | undefined;

function render(): void {
  const controls = filterControls();
  offer(
    controls.fn,
    'every function',
    rows.flatMap((row) => (row.functionId === undefined ? [] : [row.functionId])),
  );
  offer(
    controls.route,
    'every route',
    rows.map((row) => row.trigger),
  );
  const filters = {
    text: controls.text.value.trim(),
    status: controls.status.value,
    fn: controls.fn.value,
    route: controls.route.value,
  };
  store(FILTER_KEY, filters);
  const shown = rows.filter((row) => matches(row, filters));
  byId('invocations').replaceChildren(...shown.map(rowOf));
  byId('filter-count').textContent =
    shown.length === rows.length ? `${rows.length} shown` : `${shown.length} of ${rows.length} shown`;
}

function rowOf(summary: InvocationSummary): HTMLTableRowElement {
  const row = element('tr', undefined, summary.failed ? 'failed' : undefined);
  row.dataset.id = summary.id;
  row.setAttribute('aria-selected', String(summary.id === selected));
  const time = clockTime(new Date(summary.time));
  const open = element('button', time, 'link');
  open.type = 'button';
  open.setAttribute('aria-label', `Show ${summary.method} ${summary.target} at ${time}`);
  open.addEventListener('click', () => {
    selected = summary.id;
    for (const other of byId('invocations').querySelectorAll('tr'))
      other.setAttribute('aria-selected', String(other.dataset.id === summary.id));
    void showDetails(summary.id);
  });
  const status = element('td', String(summary.status), `status ${statusClass(summary.status)}`);
  const flags = element('td', undefined, 'wide');
  for (const [on, label, title] of [
    [summary.authorizer, 'auth', 'an authorizer (or IAM) decided'],
    [summary.cached, 'cache', "the authorizer's answer came from its cache"],
    [summary.mapping, 'mapping', 'a non-proxy integration with mapping templates'],
    [summary.errorType !== undefined, summary.errorType ?? '', 'the function failed'],
  ] as const)
    if (on) {
      const badge = element('span', label, 'badge');
      badge.title = title;
      flags.append(badge);
    }
  const target = element('td', summary.target, 'target');
  target.title = summary.trigger;
  row.append(
    tdOf(open),
    status,
    element('td', summary.method, 'method'),
    target,
    element('td', String(summary.durationMs), 'number'),
    element('td', summary.bytes === undefined ? '' : size(summary.bytes), 'number wide'),
    element('td', summary.functionId ?? '', 'wide'),
    flags,
  );
  return row;
}

const tdOf = (child: HTMLElement): HTMLTableCellElement => {
  const cell = element('td');
  cell.append(child);
  return cell;
};

/** The project's type errors as the checker last found them; the section hides when there are none. */
export function showTypes(diagnostics: string[]): void {
  byId('types-list').replaceChildren(...diagnostics.map((text) => element('li', text)));
  byId('types-section').hidden = diagnostics.length === 0;
}
