import type { FunctionSpec } from './functions';
import type { Notice } from './notices';
import type { Template } from './template';

/** The API resources the emulator does not serve yet, by type. */
const API_RESOURCES: Record<string, string> = {};

/**
 * What of the template's APIs and function events the emulator does not serve, each with its
 * logical id and the reason, so that nothing is left out silently.
 */
export function unservedParts(
  template: Template,
  functions: FunctionSpec[],
  servedWebSocketApi?: string,
): Notice[] {
  const notices: Notice[] = [];
  for (const [id, resource] of Object.entries(template.Resources)) {
    const reason = API_RESOURCES[resource.Type];
    if (reason !== undefined) notices.push({ subject: id, text: reason });
    if (resource.Type === 'AWS::ApiGatewayV2::Api') {
      const protocol = resource.Properties?.ProtocolType;
      if (protocol === 'HTTP')
        notices.push({ subject: id, text: 'HTTP APIs (AWS::ApiGatewayV2::Api) are not emulated yet' });
      else if (protocol === 'WEBSOCKET' && id !== servedWebSocketApi)
        notices.push({ subject: id, text: 'only one WebSocket API is served; this one is not' });
    }
  }
  if (template.Globals?.Api?.Auth !== undefined)
    notices.push({
      subject: 'Globals.Api.Auth',
      text: 'authorizers are not emulated yet: requests reach the functions unchecked',
    });
  for (const fn of functions) {
    for (const [name, event] of Object.entries(fn.events)) {
      const text = eventNotice(event, fn.id);
      if (text !== undefined) notices.push({ subject: `${fn.id}.Events.${name}`, text });
    }
  }
  return notices;
}

function eventNotice(event: FunctionSpec['events'][string], functionId: string): string | undefined {
  const properties = event.Properties ?? {};
  switch (event.Type) {
    case 'Api':
      if (properties.RestApiId !== undefined)
        return 'Api events of an explicit API (RestApiId) are not served yet';
      if (typeof properties.Path !== 'string' || typeof properties.Method !== 'string')
        return 'an Api event needs a Path and a Method';
      if (properties.Auth !== undefined)
        return 'Auth is not emulated yet: requests reach the function unchecked';
      return undefined;
    case 'HttpApi':
      return undefined;
    default:
      return `${event.Type} events are not emulated: invoke it with an event file (npm run invoke -- ${functionId} <event.json>)`;
  }
}
