import {
  IAM_PERMISSIONS_NOT_CHECKED,
  localSecrets,
  PRESIGNED_NOT_CHECKED,
  verifySigV4,
} from '../auth/sigv4-verification';
import type { ProxyEventV1Input } from '../formats/proxy-v1-event';
import type { HttpReply } from '../gateway/http-reply';
import type { AuthorizationRecord } from '../gateway/invocation-record';
import type { RestApi } from '../template/rest-api-model';
import { gatewayResponse } from './gateway-responses';

/**
 * AWS_IAM authorization ("Control access to a REST API with IAM permissions"): an unsigned request is
 * refused as a path without a method is (403 Missing Authentication Token), a bad signature with
 * the service's SigV4 messages; a good one goes on with its caller in the event's identity.
 */
export async function iamAuthorization(
  input: ProxyEventV1Input,
  api: RestApi,
): Promise<{ refused?: HttpReply; authorization: AuthorizationRecord; note?: string }> {
  const { request } = input;
  const verdict = await verifySigV4(
    {
      method: request.method,
      url: request.url,
      rawHeaders: request.rawHeaders,
      body: request.body === null ? Buffer.alloc(0) : Buffer.from(request.body),
    },
    localSecrets(),
  );
  const record = (decision: string): AuthorizationRecord => ({
    authorizer: 'AWS_IAM',
    input: null,
    answer: null,
    cached: false,
    decision,
  });
  switch (verdict.kind) {
    case 'unsigned': {
      const fault = 'AWS_IAM: the request is not signed with SigV4';
      return {
        refused: gatewayResponse(
          api,
          {
            type: 'MISSING_AUTHENTICATION_TOKEN',
            statusCode: 403,
            message: 'Missing Authentication Token',
            errorType: 'MissingAuthenticationTokenException',
            fault,
          },
          input.requestId,
        ),
        authorization: record('refused: not signed with SigV4'),
      };
    }
    case 'refused': {
      // API Gateway's gateway response for every SigV4 refusal (an unknown key included).
      const type = 'INVALID_SIGNATURE';
      return {
        refused: gatewayResponse(
          api,
          {
            type,
            statusCode: 403,
            message: verdict.message,
            errorType: verdict.errorType,
            fault: `AWS_IAM: ${verdict.message}`,
          },
          input.requestId,
        ),
        authorization: record(`refused: ${verdict.message}`),
      };
    }
    case 'presigned':
      return {
        authorization: record(
          `presigned URL of ${verdict.accessKeyId}: its signature is not checked locally`,
        ),
        note: PRESIGNED_NOT_CHECKED,
      };
    case 'valid':
      input.iamCaller = verdict.caller;
      return {
        authorization: record(`signed with SigV4 by ${verdict.caller.accessKey}: signature valid`),
        note: IAM_PERMISSIONS_NOT_CHECKED,
      };
  }
}
