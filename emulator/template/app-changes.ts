import { comparableText } from '../shared/comparable-text';
import type { FunctionSpec } from './functions';
import { httpRouteLabel } from './http-api-model';
import { restRouteLabel } from './rest-api-model';
import type { TemplateApp } from './template-app';

/** How the summary names a function's settings: as the template spells them. */
const FUNCTION_SETTINGS: Record<keyof FunctionSpec, string | undefined> = {
  id: undefined,
  codeDir: 'CodeUri',
  code: 'build',
  handler: 'Handler',
  runtime: 'Runtime',
  nodeMajor: undefined,
  timeoutSeconds: 'Timeout',
  memorySizeMb: 'MemorySize',
  reservedConcurrency: 'ReservedConcurrentExecutions',
  logFormat: 'LoggingConfig',
  logLevels: 'LoggingConfig',
  tracing: 'Tracing',
  environment: 'Environment',
  layers: 'Layers',
  // Events are routes, said as routes.
  events: undefined,
};

/**
 * What a new reading of the template changes in what is served, one item each:
 * `+ GET /items → ItemsFunction`, `- DELETE /old → OldFunction`, `~ HelloWorldFunction: Environment`.
 */
export function appChanges(before: TemplateApp, after: TemplateApp): string[] {
  return [
    ...keyedChanges(routesOf(before), routesOf(after), (label, target) => `${label} → ${target}`),
    ...keyedChanges(apisOf(before), apisOf(after), (id, parts) => `${id}${parts}`),
    ...keyedChanges(
      functionsOf(before),
      functionsOf(after),
      (id, settings) => `${id}${settings}`,
      (name) => FUNCTION_SETTINGS[name as keyof FunctionSpec] ?? name,
    ),
  ];
}

interface Entry {
  /** What the line says of it. */
  text: string;
  /** Equal exactly when nothing of it changed. */
  key: string;
  /** Its settings by name, when a line about a change names the settings that changed. */
  settings?: Record<string, unknown>;
}

function keyedChanges(
  before: Map<string, Entry>,
  after: Map<string, Entry>,
  line: (name: string, text: string) => string,
  settingName: (key: string) => string = (key) => key,
): string[] {
  const lines: string[] = [];
  for (const [name, entry] of before) {
    if (!after.has(name)) lines.push(`- ${line(name, entry.text)}`);
  }
  for (const [name, entry] of after) {
    const previous = before.get(name);
    if (previous === undefined) lines.push(`+ ${line(name, entry.text)}`);
    else if (previous.key !== entry.key) {
      const changed =
        previous.settings === undefined || entry.settings === undefined
          ? entry.text
          : `: ${changedKeys(previous.settings, entry.settings, settingName)}`;
      lines.push(`~ ${line(name, changed)}`);
    }
  }
  return lines;
}

function routesOf(app: TemplateApp): Map<string, Entry> {
  const routes = new Map<string, Entry>();
  const add = (label: string, target: string | undefined, route: unknown): void => {
    routes.set(label, { text: target ?? 'not emulated', key: comparableText(route) });
  };
  for (const api of app.apis) {
    for (const route of api.routes) add(restRouteLabel(api, route), route.functionId, route);
  }
  for (const api of app.httpApis) {
    for (const route of api.routes) add(httpRouteLabel(api, route), route.functionId, route);
  }
  for (const api of app.webSocketApis) {
    for (const [key, functionId] of api.routes) add(`${api.id} WS ${key}`, functionId, functionId);
  }
  return routes;
}

/** The APIs' own settings (stage, stage variables, CORS, authorizers...), their routes apart. */
function apisOf(app: TemplateApp): Map<string, Entry> {
  const apis = new Map<string, Entry>();
  for (const api of [...app.apis, ...app.httpApis, ...app.webSocketApis]) {
    const settings: Record<string, unknown> = { ...api };
    delete settings.routes;
    apis.set(api.id, { text: ' (API)', key: comparableText(settings), settings });
  }
  return apis;
}

function functionsOf(app: TemplateApp): Map<string, Entry> {
  const functions = new Map<string, Entry>();
  for (const fn of app.functions) {
    const settings = Object.fromEntries(
      Object.entries(fn).filter(([name]) => FUNCTION_SETTINGS[name as keyof FunctionSpec] !== undefined),
    );
    functions.set(fn.id, { text: ' (function)', key: comparableText(settings), settings });
  }
  return functions;
}

/** The names of the top-level values that differ, comma-separated. */
function changedKeys(
  previous: Record<string, unknown>,
  current: Record<string, unknown>,
  name: (key: string) => string = (key) => key,
): string {
  const keys = new Set([...Object.keys(previous), ...Object.keys(current)]);
  return [...keys]
    .filter((key) => comparableText(previous[key]) !== comparableText(current[key]))
    .map(name)
    .join(', ');
}
