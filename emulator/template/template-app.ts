import type { Template } from './template';
import type { ApiKeys } from './api-keys';
import { accessLogNotices } from './access-log-notices';
import { accessNotices } from './access-notices';
import { functionUrlsOf, type FunctionUrl } from './function-urls';
import { templateFunctions, type FunctionSpec } from './functions';
import type { HttpApi } from './http-api-model';
import { httpApisOf } from './http-apis';
import { loadTemplate } from './load-template';
import type { Notice } from './notices';
import type { RestApi } from './rest-api-model';
import { restApisOf } from './rest-apis';
import { unservedParts } from './unserved-parts';
import { webSocketApisOf, type WebSocketApi } from './websocket-apis';

/** Everything of a template the emulator serves, read in one go from the file as it is now. */
export interface TemplateApp {
  /** Every function that can run here: what routes, authorizers and the local Invoke API call. */
  functions: FunctionSpec[];
  /** How the Invoke API names them: each logical id, and each `FunctionName` the template sets. */
  functionNames: Map<string, string>;
  /** Every function the template declares that can run here, served or not. */
  declaredFunctionIds: string[];
  /** The REST APIs, the implicit one first. */
  apis: RestApi[];
  /** The HTTP APIs, the implicit one first. */
  httpApis: HttpApi[];
  webSocketApis: WebSocketApi[];
  functionUrls: FunctionUrl[];
  apiKeys: ApiKeys;
  /** What of the template is not served, or served differently, each with its logical id. */
  notices: Notice[];
}

export interface TemplateReading {
  templatePath: string;
  /** `--parameter-overrides`: `Key=Value` pairs, as `sam local` takes them. */
  parameterOverrides?: string[];
  /** Local values of API keys AWS would generate, kept from one reading to the next. */
  generatedKeys?: Map<string, string>;
}

/** Reads the template; throws a TemplateError (with file:line:column) when it cannot be read. */
export function readTemplateApp(reading: TemplateReading): TemplateApp {
  const { templatePath } = reading;
  const read = loadTemplate(templatePath, reading.parameterOverrides);
  const template = read.template;
  const { functions, notices } = templateFunctions(template, templatePath);
  notices.unshift(...read.notices);
  const rest = restApisOf(functions, template, templatePath, reading.generatedKeys);
  notices.push(...rest.notices);
  const http = httpApisOf(functions, template, templatePath);
  notices.push(...http.notices);
  const webSocketApis = webSocketApisOf(template, notices);
  const functionUrls = functionUrlsOf(template, functions, notices);
  notices.push(...accessNotices(template), ...accessLogNotices(template), ...unservedParts(functions));
  return {
    functions,
    functionNames: functionNamesOf(template, functions),
    declaredFunctionIds: functions.map((fn) => fn.id),
    apis: rest.apis,
    httpApis: http.apis,
    webSocketApis,
    functionUrls,
    apiKeys: rest.apiKeys,
    notices,
  };
}

/** Each function's logical id, and its `FunctionName` where the template gives one as text. */
function functionNamesOf(template: Template, functions: FunctionSpec[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const fn of functions) {
    names.set(fn.id, fn.id);
    const name = template.Resources[fn.id]?.Properties?.FunctionName;
    if (typeof name === 'string' && !names.has(name)) names.set(name, fn.id);
  }
  return names;
}
