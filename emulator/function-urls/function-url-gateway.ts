import { randomUUID } from 'node:crypto';
import { iamDecisionV2 } from '../auth/sigv4-verification';
import { proxyEventV2 } from '../formats/proxy-v2-event';
import { httpPreflight, withCors } from '../gateway/cors-v2';
import type { Gateway } from '../gateway/front-door';
import { integrated } from '../gateway/integrated-step';
import { JSON_CONTENT_TYPE, NO_BODY, type HttpReply } from '../gateway/http-reply';
import { incomingRequest } from '../gateway/incoming-request';
import { resultOf } from '../gateway/invocation-report';
import { replyForV2 } from '../gateway/proxy-v2-result';
import type { RunningFunctions } from '../runtime/running-functions';
import type { FunctionUrl } from '../template/function-urls';
import { streamedReply } from './streamed-reply';

/** A function URL invokes synchronously: Lambda's 6 MB limit on the request ("Lambda quotas"). */
const MAX_REQUEST_BYTES = 6 * 1024 * 1024;

/** Lambda's own answers at a function URL: `{"Message": ...}`. */
function lambdaMessage(statusCode: number, message: string, fault?: string): HttpReply {
  return {
    statusCode,
    headers: [JSON_CONTENT_TYPE],
    body: Buffer.from(JSON.stringify({ Message: message })),
    ...(fault === undefined ? {} : { fault }),
  };
}

/** A failed invocation or a malformed result ("Invoking Lambda function URLs"): 502. */
function badGateway(fault: string): HttpReply {
  return {
    statusCode: 502,
    headers: [['Content-Type', 'text/plain']],
    body: Buffer.from('Internal Server Error'),
    fault,
  };
}

/**
 * A Lambda function URL ("Invoking Lambda function URLs"): every method and path reaches the function
 * as a payload 2.0 event (route key and stage `$default`, the path as sent), its result mapped as
 * HTTP APIs map 2.0 results; CORS answered by Lambda; AuthType AWS_IAM checks the SigV4 signature.
 */
export function functionUrlGateway(url: FunctionUrl, functions: RunningFunctions): Gateway {
  const target = {
    routeKey: '$default',
    apiId: url.id.toLowerCase(),
    stage: '$default',
    stageVariables: null,
    decodePath: false,
  };
  return {
    owns: () => true,
    answer: async (request, _path, body, clock) => {
      const origin = request.headers.origin;
      const answer = (reply: HttpReply): HttpReply => withCors(reply, url.cors, origin);
      if (
        request.method === 'OPTIONS' &&
        request.headers['access-control-request-method'] !== undefined &&
        url.cors !== undefined
      )
        return { http: httpPreflight(url.cors, origin) };
      if (body.length > MAX_REQUEST_BYTES)
        return {
          http: answer(
            lambdaMessage(
              413,
              `Request must be smaller than ${MAX_REQUEST_BYTES} bytes for the InvokeFunction operation`,
              'the request is over the 6 MB a synchronous invocation takes',
            ),
          ),
        };
      const incoming = incomingRequest(request, body);
      const requestId = randomUUID();
      const event = proxyEventV2(incoming, target, null, requestId);
      let note: string | undefined;
      if (url.authType === 'AWS_IAM') {
        const iam = await iamDecisionV2(incoming, body);
        if ('refused' in iam) return { http: answer(lambdaMessage(403, 'Forbidden', iam.refused)) };
        note = iam.note;
        if (iam.iam !== undefined) event.requestContext.authorizer = { iam: iam.iam };
      }
      if (url.invokeMode === 'RESPONSE_STREAM') {
        let logs: string[] = [];
        const corsHeaders = answer({ statusCode: 200, headers: [], body: NO_BODY }).headers;
        return {
          http: { statusCode: 200, headers: [], body: NO_BODY },
          stream: streamedReply(
            (sink) => {
              const invocation = functions.invoke(url.functionId, event, sink);
              logs = invocation.logs;
              return invocation;
            },
            badGateway,
            corsHeaders,
          ),
          invoked: {
            requestId,
            get logs() {
              return logs;
            },
            record: {
              functionId: url.functionId,
              trigger: `Function URL ${url.id} (streamed)`,
              event: () => event,
              result: '(streamed to the client)',
            },
          },
          ...(note === undefined ? {} : { note }),
        };
      }
      const invocation = functions.invoke(url.functionId, event);
      const outcome = await invocation.outcome;
      const { functionId } = url;
      clock.step('Integrate', () => integrated(functionId, invocation.awsRequestId, outcome, functions));
      return {
        http: answer(replyForV2(outcome, badGateway)),
        invoked: {
          requestId,
          logs: invocation.logs,
          record: {
            functionId: url.functionId,
            trigger: `Function URL ${url.id}`,
            event: () => event,
            result: resultOf(outcome),
          },
        },
        ...(note === undefined ? {} : { note }),
      };
    },
  };
}
