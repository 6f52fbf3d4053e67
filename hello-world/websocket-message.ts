import type { GreetingInput } from './greeting';
import { ownField, parseJsonObject, readField } from './input-rules';

/**
 * Reads the greeting's fields from a WebSocket `greet` message,
 * `{"action":"greet","name":...,"city":...,"time":...,"day":...}`, with the same rules as REST.
 */
export function greetingInputFromMessage(body: string | undefined): GreetingInput {
  const message = parseJsonObject(body ?? '', 'message');
  return {
    name: readField('name', ownField(message, 'name')),
    city: readField('city', ownField(message, 'city')),
    time: readField('time', ownField(message, 'time')),
    day: readField('day', ownField(message, 'day')),
  };
}

export const HELP_MESSAGE =
  'Send {"action":"greet","name":"Ada","city":"Paris","time":"evening","day":"Friday"}; ' +
  'name, city, time and day are optional strings.';
