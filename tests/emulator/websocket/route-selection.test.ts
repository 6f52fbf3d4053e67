import type { WebSocketApi } from '../../../emulator/template/websocket-apis';
import { selectRoute } from '../../../emulator/websocket/route-selection';

function api(routeSelectionExpression: string, routeKeys: string[]): WebSocketApi {
  return {
    id: 'Api',
    apiId: 'local',
    routeSelectionExpression,
    stage: 'Prod',
    routes: new Map(routeKeys.map((key) => [key, 'Fn'])),
    integrations: new Map(),
    twoWayRoutes: new Set(),
    connectApiKeyRequired: false,
  };
}

describe('the route a WebSocket message selects', () => {
  const actions = api('$request.body.action', ['$connect', '$default', 'greet']);

  it("is the route the expression's value names", () => {
    expect(selectRoute(actions, '{"action":"greet","name":"Ada"}')).toBe('greet');
  });

  it('is $default for a value that is no route, no value, or a message that is not JSON', () => {
    expect(selectRoute(actions, '{"action":"dance"}')).toBe('$default');
    expect(selectRoute(actions, '{"name":"Ada"}')).toBe('$default');
    expect(selectRoute(actions, 'hello')).toBe('$default');
    expect(selectRoute(actions, '["greet"]')).toBe('$default');
  });

  it('is $default for a value that is not a string or names a reserved route', () => {
    expect(selectRoute(actions, '{"action":["greet"]}')).toBe('$default');
    expect(selectRoute(actions, '{"action":"$connect"}')).toBe('$default');
  });

  it('follows a nested path', () => {
    expect(selectRoute(api('$request.body.meta.type', ['ping']), '{"meta":{"type":"ping"}}')).toBe('ping');
    expect(selectRoute(api('$request.body.meta.type', ['ping']), '{"meta":null}')).toBe('$default');
  });
});
