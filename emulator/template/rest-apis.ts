import { DEFAULT_STAGE } from '../shared/local-aws';
import type { FunctionSpec } from './functions';
import { resolveValue } from './intrinsics';
import type { Template } from './template';

/** One `Api` event of the implicit REST API: a resource path and method served by a function. */
export interface Route {
  functionId: string;
  method: string; // upper case, or ANY
  resourcePath: string; // as in the template: /items/{id}, /files/{proxy+}
  segments: Segment[];
}

export type Segment = { literal: string } | { param: string; greedy: boolean };

export interface CorsSettings {
  allowOrigin: string;
  allowMethods: string;
  allowHeaders?: string;
  maxAge?: string;
  allowCredentials?: boolean;
}

/** A REST API as the emulator serves it: the implicit API's routes and its API-wide settings. */
export interface RestApi {
  /** The stage the API is deployed as, which every event names. */
  stage: string;
  routes: Route[];
  cors?: CorsSettings;
  binaryMediaTypes: string[];
}

export function restApiOf(functions: FunctionSpec[], template: Template): RestApi {
  const routes: Route[] = [];
  for (const fn of functions) {
    for (const event of Object.values(fn.events)) {
      // An Api event with RestApiId belongs to an explicit API; the emulator serves the implicit one.
      if (event.Type !== 'Api' || event.Properties?.RestApiId !== undefined) continue;
      const path = event.Properties?.Path;
      const method = event.Properties?.Method;
      if (typeof path !== 'string' || typeof method !== 'string') continue;
      routes.push({
        functionId: fn.id,
        method: method.toUpperCase(),
        resourcePath: path,
        segments: parsePath(path),
      });
    }
  }
  const api = (resolveValue(template.Globals?.Api ?? {}, template) ?? {}) as Record<string, unknown>;
  const binaryMediaTypes = Array.isArray(api.BinaryMediaTypes)
    ? api.BinaryMediaTypes.filter((type): type is string => typeof type === 'string').map((type) =>
        type.replaceAll('~1', '/'),
      )
    : [];
  return { stage: DEFAULT_STAGE, routes, binaryMediaTypes, ...corsOf(api.Cors) };
}

function parsePath(path: string): Segment[] {
  return path
    .split('/')
    .filter((part) => part !== '')
    .map((part) => {
      const param = /^\{([^}]+?)(\+)?\}$/.exec(part);
      return param?.[1] === undefined ? { literal: part } : { param: param[1], greedy: param[2] === '+' };
    });
}

/** SAM's Cors: a quoted origin string, or an object whose values are quoted strings. */
function corsOf(cors: unknown): { cors?: CorsSettings } {
  const unquote = (value: unknown): string | undefined =>
    typeof value === 'string' ? value.replace(/^'(.*)'$/, '$1') : undefined;
  if (typeof cors === 'string') {
    return { cors: { allowOrigin: unquote(cors) ?? '*', allowMethods: '' } };
  }
  if (typeof cors !== 'object' || cors === null) return {};
  const settings = cors as Record<string, unknown>;
  const allowHeaders = unquote(settings.AllowHeaders);
  const maxAge = unquote(settings.MaxAge);
  return {
    cors: {
      allowOrigin: unquote(settings.AllowOrigin) ?? '*',
      allowMethods: unquote(settings.AllowMethods) ?? '',
      ...(allowHeaders === undefined ? {} : { allowHeaders }),
      ...(maxAge === undefined ? {} : { maxAge }),
      ...(settings.AllowCredentials === true ? { allowCredentials: true } : {}),
    },
  };
}
