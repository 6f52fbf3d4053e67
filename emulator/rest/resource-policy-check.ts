import { methodArn } from '../auth/rest-authorizer';
import { resourcePolicyDecision } from '../auth/resource-policy';
import type { ProxyEventV1Input } from '../formats/proxy-v1-event';
import type { HttpReply } from '../gateway/http-reply';
import { pathOf } from '../shared/url-path';
import type { RestApi } from '../template/rest-api-model';
import { gatewayResponse } from './gateway-responses';

/**
 * The API's resource policy for this request ("API Gateway resource policy examples"): an explicit
 * Deny, or no Allow for the caller, is 403 ACCESS_DENIED with the service's message; the caller is
 * anonymous unless an AWS_IAM signature named its account.
 */
export function resourcePolicyCheck(
  api: RestApi,
  input: ProxyEventV1Input,
): { refused?: HttpReply; note?: string } {
  const arn = methodArn(
    input.apiId,
    input.stage,
    input.request.method,
    pathOf(input.request.url).slice(input.stagePrefix.length) || '/',
  );
  const caller = input.iamCaller;
  const decision = resourcePolicyDecision(api.resourcePolicy, arn, {
    sourceIp: input.request.sourceIp,
    ...(caller === null ? {} : { account: caller.accountId }),
  });
  if (decision.allowed) return decision.note === undefined ? {} : { note: decision.note };
  // A signed caller is named by its access key: only IAM can turn it into the user's ARN.
  const who = caller === null ? 'anonymous' : caller.accessKey;
  const message = `User: ${who} is not authorized to perform: execute-api:Invoke on resource: ${arn}${decision.explicit ? ' with an explicit deny' : ''}`;
  return {
    refused: gatewayResponse(
      api,
      {
        type: 'ACCESS_DENIED',
        statusCode: 403,
        message,
        errorType: 'AccessDeniedException',
        messageKey: 'Message',
        fault: `resource policy: ${decision.explicit ? `statement ${decision.statement ?? 0} denies` : 'no statement allows'} ${arn} from ${input.request.sourceIp}`,
      },
      input.requestId,
    ),
  };
}
