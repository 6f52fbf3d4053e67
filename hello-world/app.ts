import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { greet } from './greeting';
import { BadRequest } from './input-rules';
import { jsonResponse } from './http-response';
import { greetingInputFrom } from './rest-request';

/** `ANY /helloworld` through API Gateway's Lambda proxy integration (payload v1.0). */
export const lambdaHandler = async (
  event: APIGatewayProxyEvent,
  context: Context,
): Promise<APIGatewayProxyResult> => {
  const startedAt = Date.now();
  const result = respond(event);
  // One line per request, with no personal values; Lambda's JSON log format adds time and level.
  console.info({
    message: 'request',
    requestId: context.awsRequestId,
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- hand-made test events may omit it
    apiRequestId: event.requestContext?.requestId,
    method: event.httpMethod,
    path: event.path,
    status: result.statusCode,
    durationMs: Date.now() - startedAt,
  });
  return result;
};

function respond(event: APIGatewayProxyEvent): APIGatewayProxyResult {
  try {
    return jsonResponse(200, { greeting: greet(greetingInputFrom(event)) });
  } catch (error) {
    if (error instanceof BadRequest) return jsonResponse(400, { message: error.message });
    throw error;
  }
}
