import { findHeader } from '../formats/parameter-maps';
import { proxyEventV1, type ProxyEventV1Input } from '../formats/proxy-v1-event';
import type { ProxyEventV1 } from '../formats/proxy-v1-event-types';
import { contextVariables, type MappingInput } from '../mapping/mapping-variables';

/** A REST method request as the stages after routing read it: its parameters, body and context. */
export interface MethodRequest {
  /** The request as the 1.0 event shows it, from which parameters and context are read. */
  event: ProxyEventV1;
  body: Buffer;
  /** The media type of its Content-Type, lower case; `application/json` when it sends none, as API Gateway assumes. */
  contentType: string;
  /** What mapping templates read of it. */
  mapping: MappingInput;
}

/** The request's view for validation, mapping and integration. */
export function methodRequestOf(input: ProxyEventV1Input): MethodRequest {
  const event = proxyEventV1(input);
  const body =
    input.request.body === null
      ? Buffer.alloc(0)
      : Buffer.from(input.request.body.buffer, input.request.body.byteOffset, input.request.body.byteLength);
  let context: Record<string, unknown> | undefined;
  return {
    event,
    body,
    contentType: mediaType(findHeader(event.headers, 'content-type')),
    mapping: {
      body: body.toString('utf8'),
      params: {
        path: event.pathParameters ?? {},
        querystring: event.queryStringParameters ?? {},
        header: event.headers ?? {},
      },
      // Built when a template first reads it: a passthrough never does.
      get context(): Record<string, unknown> {
        context ??= contextVariables({
          ...event.requestContext,
          authorizer: event.requestContext.authorizer ?? {},
        });
        return context;
      },
      stageVariables: event.stageVariables ?? {},
    },
  };
}

/** `application/json; charset=utf-8` → `application/json`; none → `application/json`. */
export function mediaType(contentType: string | undefined): string {
  const type = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === '' ? 'application/json' : type;
}
