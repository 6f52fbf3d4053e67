import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { GreetingInput } from './greeting';
import { BadRequest, ownField, parseJsonObject, readField } from './input-rules';

type SingleMap = APIGatewayProxyEvent['headers'] | null;
type MultiMap = APIGatewayProxyEvent['multiValueHeaders'] | null;

/**
 * Reads the greeting's fields from a REST (payload v1.0) proxy event: `name` and `city` from the
 * query string, `day` from a header of any case, `time` from a JSON body.
 */
export function greetingInputFrom(event: APIGatewayProxyEvent): GreetingInput {
  const query = [event.queryStringParameters, event.multiValueQueryStringParameters] as const;
  return {
    name: readField(
      'name',
      lastValue(...query, (key) => key === 'name'),
    ),
    city: readField(
      'city',
      lastValue(...query, (key) => key === 'city'),
    ),
    day: readField('day', lastValue(event.headers, event.multiValueHeaders, isDayHeader)),
    time: readField('time', timeFromBody(event.body, event.isBase64Encoded)),
  };
}

const isDayHeader = (key: string): boolean => key.toLowerCase() === 'day';

/**
 * The last value of the keys that match, as API Gateway fills the single-value map; the multi-value
 * map is read only when an event (a console test, say) has no single-value map.
 */
function lastValue(single: SingleMap, multi: MultiMap, matches: (key: string) => boolean): unknown {
  let found: unknown;
  if (isMap(single)) {
    for (const key of Object.keys(single)) if (matches(key)) found = single[key];
  } else if (isMap(multi)) {
    for (const key of Object.keys(multi)) {
      const values = multi[key];
      if (matches(key) && Array.isArray(values) && values.length > 0) found = values.at(-1);
    }
  }
  return found;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function timeFromBody(body: unknown, isBase64Encoded: unknown): unknown {
  if (body === null || body === undefined) return undefined;
  if (typeof body !== 'string') throw new BadRequest('body must be a JSON object');
  const text = isBase64Encoded === true ? decodeBase64Utf8(body) : body;
  if (text.trim() === '') return undefined;
  return ownField(parseJsonObject(text, 'body'), 'time');
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeBase64Utf8(encoded: string): string {
  try {
    return utf8.decode(Buffer.from(encoded, 'base64'));
  } catch {
    throw new BadRequest('body is not valid UTF-8 text');
  }
}
