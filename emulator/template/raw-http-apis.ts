import { describeIntrinsic } from './intrinsics';
// HTTP APIs written as plain CloudFormation: AWS::ApiGatewayV2::Api of protocol HTTP.
import { functionOfUri, integrationOfTarget } from './integration-target';
import { asRecord, guardList, guardText, stringList } from './property-values';
import type { Notice } from './notices';
import { apiIdOf, stringMap } from './rest-api-model';
import {
  corsOf,
  DEFAULT_HTTP_STAGE,
  httpRoute,
  type HttpApi,
  type HttpAuthorizer,
  type HttpRoute,
} from './http-api-model';
import type { Resource, Template } from './template';

/** Raw `AWS::ApiGatewayV2::Api` of protocol HTTP, with its Routes, Integrations, Stage and Authorizers, or quick-created with `Target`. */
export function rawHttpApis(template: Template, notices: Notice[]): HttpApi[] {
  const resources = Object.entries(template.Resources);
  const ofType = (type: string): [string, Resource][] =>
    resources.filter(([, resource]) => resource.Type === type);
  const refersTo = (value: unknown, id: string): boolean => (value as { Ref?: unknown } | null)?.Ref === id;
  return ofType('AWS::ApiGatewayV2::Api')
    .filter(([, api]) => api.Properties?.ProtocolType === 'HTTP')
    .map(([id, api]) => {
      const properties = api.Properties ?? {};
      const authorizers = new Map<string, HttpAuthorizer>();
      for (const [authorizerId, resource] of ofType('AWS::ApiGatewayV2::Authorizer')) {
        const p = resource.Properties ?? {};
        if (!refersTo(p.ApiId, id)) continue;
        if (p.AuthorizerType === 'JWT') {
          const jwt = asRecord(p.JwtConfiguration);
          authorizers.set(authorizerId, {
            name: authorizerId,
            type: 'JWT',
            identitySource: stringList(p.IdentitySource)[0] ?? '$request.header.Authorization',
            ...(jwt.Issuer === undefined ? {} : { issuer: guardText(jwt.Issuer) }),
            audience: guardList(jwt.Audience),
          });
        } else {
          const functionId = functionOfUri(p.AuthorizerUri, template);
          if (functionId === undefined) {
            notices.push({
              subject: authorizerId,
              text: 'not served: its AuthorizerUri names no function of this template',
            });
            continue;
          }
          authorizers.set(authorizerId, {
            name: authorizerId,
            type: 'REQUEST',
            functionId,
            identitySources: stringList(p.IdentitySource),
            payloadFormat: p.AuthorizerPayloadFormatVersion === '1.0' ? '1.0' : '2.0',
            simpleResponses: p.EnableSimpleResponses === true,
            ttlSeconds:
              typeof p.AuthorizerResultTtlInSeconds === 'number' ? p.AuthorizerResultTtlInSeconds : 0,
          });
        }
      }
      const routes: HttpRoute[] = [];
      const quickTarget = functionOfUri(properties.Target, template);
      if (properties.Target !== undefined)
        routes.push(
          httpRoute(
            typeof properties.RouteKey === 'string' ? properties.RouteKey : '$default',
            quickTarget === undefined
              ? {
                  unsupported: `its Target names no function of this template: ${describeIntrinsic(properties.Target)}`,
                }
              : { functionId: quickTarget },
            '2.0',
          ),
        );
      for (const [routeId, route] of ofType('AWS::ApiGatewayV2::Route')) {
        const p = route.Properties ?? {};
        if (!refersTo(p.ApiId, id) || typeof p.RouteKey !== 'string') continue;
        const integrationId = integrationOfTarget(p.Target);
        const integration = integrationId === undefined ? undefined : template.Resources[integrationId];
        const ip = integration?.Properties ?? {};
        const functionId =
          ip.IntegrationType === 'AWS_PROXY' ? functionOfUri(ip.IntegrationUri, template) : undefined;
        const authorizerId = (p.AuthorizerId as { Ref?: unknown } | undefined)?.Ref;
        const authorizer = typeof authorizerId === 'string' ? authorizers.get(authorizerId) : undefined;
        routes.push(
          httpRoute(
            p.RouteKey,
            functionId === undefined
              ? { unsupported: `${routeId}: its integration is not a Lambda proxy of this template` }
              : { functionId },
            ip.PayloadFormatVersion === '1.0' ? '1.0' : '2.0',
            {
              ...(authorizer === undefined ? {} : { authorizer }),
              ...(p.AuthorizationType === 'AWS_IAM' ? { iam: true } : {}),
              scopes: guardList(p.AuthorizationScopes),
            },
          ),
        );
      }
      const stage = ofType('AWS::ApiGatewayV2::Stage').find(([, s]) =>
        refersTo(s.Properties?.ApiId, id),
      )?.[1];
      const stageName = stage?.Properties?.StageName;
      const cors = corsOf(properties.CorsConfiguration);
      return {
        id,
        apiId: apiIdOf(id),
        stage: typeof stageName === 'string' ? stageName : DEFAULT_HTTP_STAGE,
        stageVariables: stringMap(stage?.Properties?.StageVariables),
        routes,
        ...(cors === undefined ? {} : { cors }),
      };
    });
}
