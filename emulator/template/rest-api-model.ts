// The REST API model the emulator serves: APIs, their stages and routes.

/** A resource path and method of a REST API, and the function its Lambda proxy integration invokes. */
export interface Route {
  method: string; // upper case, or ANY
  resourcePath: string; // as in the template: /items/{id}, /files/{proxy+}
  segments: Segment[];
  /** The function invoked; undefined when the integration is not one the emulator runs. */
  functionId?: string;
  /** Why the integration is not emulated (a MOCK, an HTTP or AWS integration), for its 500 and the terminal. */
  unsupported?: string;
}

export type Segment = { literal: string } | { param: string; greedy: boolean };

export interface CorsSettings {
  allowOrigin: string;
  allowMethods: string;
  allowHeaders?: string;
  maxAge?: string;
  allowCredentials?: boolean;
}

/** A REST API as the emulator serves it: its routes, its stage, and its API-wide settings. */
export interface RestApi {
  /** The logical id: `ServerlessRestApi` for SAM's implicit API. */
  id: string;
  /** The `apiId` in events and method ARNs. */
  apiId: string;
  /** The stage the API is deployed as, which every event names and URLs may start with. */
  stage: string;
  stageVariables: Record<string, string> | null;
  routes: Route[];
  cors?: CorsSettings;
  binaryMediaTypes: string[];
}

export const IMPLICIT_API = 'ServerlessRestApi';

/** A stable, readable api id for an API other than the implicit one: its logical id, lower-cased. */
export function apiIdOf(logicalId: string): string {
  return logicalId.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export function route(
  method: string,
  path: string,
  target: { functionId: string } | { unsupported: string },
): Route {
  return { method: method.toUpperCase(), resourcePath: path, segments: parsePath(path), ...target };
}

/** Stage variables as the event carries them: a map of strings, or null when there are none. */
export function stringMap(value: unknown): Record<string, string> | null {
  if (typeof value !== 'object' || value === null) return null;
  const entries = Object.entries(value).filter((entry): entry is [string, string | number | boolean] =>
    ['string', 'number', 'boolean'].includes(typeof entry[1]),
  );
  return entries.length === 0 ? null : Object.fromEntries(entries.map(([key, item]) => [key, String(item)]));
}

export function parsePath(path: string): Segment[] {
  return path
    .split('/')
    .filter((part) => part !== '')
    .map((part) => {
      const param = /^\{([^}]+?)(\+)?\}$/.exec(part);
      return param?.[1] === undefined ? { literal: part } : { param: param[1], greedy: param[2] === '+' };
    });
}
