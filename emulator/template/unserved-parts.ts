import type { FunctionSpec } from './functions';
import type { Notice } from './notices';

/**
 * The function events the emulator does not serve, each with its function's logical id, the
 * event's name and the reason, so that nothing is left out silently. (What the APIs themselves
 * leave out, the API readers say.)
 */
export function unservedParts(functions: FunctionSpec[]): Notice[] {
  const notices: Notice[] = [];
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
      return typeof properties.Path !== 'string' || typeof properties.Method !== 'string'
        ? 'an Api event needs a Path and a Method'
        : undefined;
    case 'HttpApi':
      return undefined;
    default:
      return `${event.Type} events are not emulated: invoke it with an event file (npm run invoke -- ${functionId} <event.json>) or through the local Invoke API`;
  }
}
