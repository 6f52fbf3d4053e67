import type { Notice } from './notices';
import { asRecord } from './property-values';
import type { Template } from './template';

// The parts of a template that change who may call an API, or what reaches its functions, and that
// the emulator does not enforce, or enforces only in part: each is named at start-up with its logical id, so that a request
// let in here that AWS would refuse is never a surprise.

const NOT_ENFORCED = {
  policy:
    "its resource policy is evaluated for the source IP, the signed caller's account and VPC endpoints (a local request comes through none); a Condition on any other key never allows and always denies",
  caching: 'method caching (CacheClusterEnabled) is not emulated: every request reaches the function',
  mtls: 'mutual TLS is not emulated: clients connect over plain HTTP without a certificate',
  executeApi: 'DisableExecuteApiEndpoint: in AWS only its custom domain answers; here its local URL does',
} as const;

/** What an API with AWS_IAM methods does here. */
export const IAM_NOTICE =
  "AWS_IAM: signatures are checked as AWS checks them, against the developer's AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or the local test/test keys; the caller's execute-api:Invoke permission is not checked";

export function accessNotices(template: Template): Notice[] {
  const notices: Notice[] = [];
  const say = (subject: string, text: string): void => {
    notices.push({ subject, text });
  };
  const globalApi = asRecord(template.Globals?.Api);
  for (const [id, resource] of Object.entries(template.Resources)) {
    const properties = {
      ...(resource.Type === 'AWS::Serverless::Api' ? globalApi : {}),
      ...resource.Properties,
    };
    switch (resource.Type) {
      case 'AWS::Serverless::Api':
      case 'AWS::ApiGateway::RestApi': {
        if (hasResourcePolicy(properties)) say(id, NOT_ENFORCED.policy);
        if (properties.CacheClusterEnabled === true) say(id, NOT_ENFORCED.caching);
        if (properties.DisableExecuteApiEndpoint === true) say(id, NOT_ENFORCED.executeApi);
        if (asRecord(properties.Domain).MutualTlsAuthentication !== undefined) say(id, NOT_ENFORCED.mtls);
        if (definitionHas(properties, 'awsSigv4'))
          say(
            id,
            "its definition's own AWS_IAM security (awsSigv4) is not emulated: those methods are not checked",
          );
        break;
      }
      case 'AWS::Serverless::HttpApi':
        if (properties.DisableExecuteApiEndpoint === true) say(id, NOT_ENFORCED.executeApi);
        if (asRecord(properties.Domain).MutualTlsAuthentication !== undefined) say(id, NOT_ENFORCED.mtls);
        break;
      case 'AWS::ApiGateway::Stage':
        if (properties.CacheClusterEnabled === true) say(id, NOT_ENFORCED.caching);
        break;
      case 'AWS::ApiGateway::DomainName':
      case 'AWS::ApiGatewayV2::DomainName':
        if (properties.MutualTlsAuthentication !== undefined) say(id, NOT_ENFORCED.mtls);
        break;
      case 'AWS::ApiGatewayV2::Api':
        if (properties.DisableExecuteApiEndpoint === true) say(id, NOT_ENFORCED.executeApi);
        break;
    }
  }
  return notices;
}

/** A REST API's properties with a resource policy: SAM's `Auth.ResourcePolicy`, the RestApi's `Policy`, or its definition's. */
export function hasResourcePolicy(properties: Record<string, unknown>): boolean {
  return (
    asRecord(properties.Auth).ResourcePolicy !== undefined ||
    properties.Policy !== undefined ||
    definitionHas(properties, 'x-amazon-apigateway-policy')
  );
}

function definitionHas(properties: Record<string, unknown>, text: string): boolean {
  const body = properties.DefinitionBody ?? properties.Body;
  return body !== undefined && JSON.stringify(body).includes(text);
}
