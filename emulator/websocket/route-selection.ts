import type { WebSocketApi } from '../template/websocket-apis';

/**
 * The route key a message selects: the value the expression (`$request.body.<path>`) names in a
 * JSON message, when it is a route; `$default` otherwise (non-JSON, no value, no such route).
 */
export function selectRoute(api: WebSocketApi, message: string): string {
  const path = /^\$request\.body\.(.+)$/.exec(api.routeSelectionExpression)?.[1];
  let value: unknown;
  try {
    value = path
      ?.split('.')
      .reduce<unknown>((node, key) => (node as Record<string, unknown> | null)?.[key], JSON.parse(message));
  } catch {
    value = undefined;
  }
  return typeof value === 'string' && !value.startsWith('$') && hasRoute(api, value) ? value : '$default';
}

/** Whether the API has the route, to a function or to another integration. */
export function hasRoute(api: WebSocketApi, routeKey: string): boolean {
  return api.routes.has(routeKey) || api.integrations.has(routeKey);
}
