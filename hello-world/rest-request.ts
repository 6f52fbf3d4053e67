import { TextDecoder } from 'node:util';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { GreetingInput } from './greeting';
import { BadRequest, ownField, parseJsonObject, readField } from './input-rules';

type Map = Record<string, unknown> | null | undefined;

/**
 * Reads the greeting's fields from a REST (payload v1.0) proxy event: `name` and `city` from the
 * query string, `day` from a header of any case, `time` from a JSON body.
 */
export function greetingInputFrom(event: APIGatewayProxyEvent): GreetingInput {
  const query: Map = event.queryStringParameters;
  const multiQuery: Map = event.multiValueQueryStringParameters;
  return {
    // Query keys are case-sensitive, header names are not.
    name: readField('name', isMap(query) ? query.name : lastOf(multiQuery, 'name')),
    city: readField('city', isMap(query) ? query.city : lastOf(multiQuery, 'city')),
    day: readField('day', dayHeader(event.headers, event.multiValueHeaders)),
    time: readField('time', timeFromBody(event.body, event.isBase64Encoded)),
  };
}

/**
 * API Gateway's single-value maps already hold the last value of a repeated key; the multi-value
 * maps are read only when an event (a console test, say) has no single-value map.
 */
function dayHeader(headers: Map, multiValueHeaders: Map): unknown {
  let found: unknown;
  if (isMap(headers)) {
    for (const name in headers) if (isDay(name)) found = headers[name];
  } else if (isMap(multiValueHeaders)) {
    for (const name in multiValueHeaders) if (isDay(name)) found = lastOf(multiValueHeaders, name);
  }
  return found;
}

const isDay = (name: string): boolean => name.length === 3 && name.toLowerCase() === 'day';

function lastOf(multi: Map, key: string): unknown {
  const values = isMap(multi) && Object.hasOwn(multi, key) ? multi[key] : undefined;
  return Array.isArray(values) ? (values as unknown[]).at(-1) : undefined;
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

let utf8: TextDecoder | undefined; // created on first use: most requests never need it

function decodeBase64Utf8(encoded: string): string {
  utf8 ??= new TextDecoder('utf-8', { fatal: true });
  try {
    return utf8.decode(Buffer.from(encoded, 'base64'));
  } catch {
    throw new BadRequest('body is not valid UTF-8 text');
  }
}
