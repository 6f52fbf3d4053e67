import { JSON_CONTENT_TYPE, type HttpReply } from '../gateway/http-reply';
import type { RestApi } from '../template/rest-api-model';

/** A response API Gateway makes itself, by its gateway response type, before any API customises it. */
export interface GatewayResponseDefault {
  type: string;
  statusCode: number;
  message: string | null;
  errorType: string;
  /** Lambda authorizers' denials say `Message`; every other response `message`. */
  messageKey?: 'message' | 'Message';
  fault?: string;
}

/**
 * The response with the API's `GatewayResponses` applied: the type's own override, else DEFAULT_4XX
 * or DEFAULT_5XX; its status, its headers (CORS ones, typically) and its application/json template,
 * in which `$context.error.messageString`, `$context.error.message` and `$context.requestId` are filled in.
 */
export function gatewayResponse(
  api: RestApi | undefined,
  response: GatewayResponseDefault,
  requestId: string,
): HttpReply {
  const fallback = response.statusCode >= 500 ? 'DEFAULT_5XX' : 'DEFAULT_4XX';
  const override = api?.gatewayResponses.get(response.type) ?? api?.gatewayResponses.get(fallback);
  const body =
    override?.template === undefined
      ? JSON.stringify({ [response.messageKey ?? 'message']: response.message })
      : override.template
          .replaceAll('$context.error.messageString', JSON.stringify(response.message))
          .replaceAll('$context.error.message', response.message ?? '')
          .replaceAll('$context.requestId', requestId);
  return {
    statusCode: override?.statusCode ?? response.statusCode,
    headers: [JSON_CONTENT_TYPE, ['x-amzn-ErrorType', response.errorType], ...(override?.headers ?? [])],
    body: Buffer.from(body),
    ...(response.fault === undefined ? {} : { fault: response.fault }),
  };
}
