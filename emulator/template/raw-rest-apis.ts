import { resourcePolicyOf } from './resource-policy';
import { DEFAULT_STAGE } from '../shared/local-aws';
import { integrationTarget } from './rest-integrations';
import { openApiValidation, rawValidation } from './request-validation';
import type { Notice } from './notices';
import { openApiDefinition, openApiOperations } from './openapi-routes';
import type { ApiKeys } from './api-keys';
import { rawGatewayResponses } from './gateway-responses';
import { apiIdOf, route, stringMap, type MethodAuth, type RestApi, type Route } from './rest-api-model';
import { rawAuthorizers } from './rest-auth';
import type { Resource, Template } from './template';

/**
 * REST APIs written as plain CloudFormation: an `AWS::ApiGateway::RestApi` (with a `Body`, or with
 * `Resource` and `Method` resources), deployed by a `Stage` or a `Deployment` with a `StageName`.
 */
export function rawRestApis(
  template: Template,
  templateDir: string,
  notices: Notice[],
  apiKeys: ApiKeys,
): RestApi[] {
  const authorizers = rawAuthorizers(template, notices);
  const resources = Object.entries(template.Resources);
  const ofType = (type: string): [string, Resource][] =>
    resources.filter(([, resource]) => resource.Type === type);
  const refersTo = (value: unknown, id: string): boolean => (value as { Ref?: unknown } | null)?.Ref === id;
  return ofType('AWS::ApiGateway::RestApi').map(([id, api]) => {
    const properties = api.Properties ?? {};
    const definition = openApiDefinition(properties, templateDir);
    if (typeof definition === 'string') notices.push({ subject: id, text: `not served: ${definition}` });
    const routes: Route[] = openApiOperations(definition, template).map((operation) =>
      route(
        operation.method,
        operation.path,
        operation.target,
        undefined,
        openApiValidation(definition, operation.operation, operation.pathParameters),
      ),
    );
    const pathOf = resourcePaths(id, template);
    for (const [methodId, method] of ofType('AWS::ApiGateway::Method')) {
      const methodProperties = method.Properties ?? {};
      if (!refersTo(methodProperties.RestApiId, id)) continue;
      const path = pathOf(methodProperties.ResourceId);
      const httpMethod = methodProperties.HttpMethod;
      if (path === undefined || typeof httpMethod !== 'string') {
        notices.push({
          subject: methodId,
          text: 'not served: its ResourceId or HttpMethod cannot be resolved locally',
        });
        continue;
      }
      const authorizerId = (methodProperties.AuthorizerId as { Ref?: unknown } | undefined)?.Ref;
      const guarded =
        methodProperties.AuthorizationType === 'CUSTOM' ||
        methodProperties.AuthorizationType === 'COGNITO_USER_POOLS';
      const authorizer =
        guarded && typeof authorizerId === 'string' ? authorizers.get(authorizerId) : undefined;
      const auth: MethodAuth = {
        ...(authorizer === undefined ? {} : { authorizer }),
        ...(methodProperties.AuthorizationType === 'AWS_IAM' ? { iam: true } : {}),
        apiKeyRequired: methodProperties.ApiKeyRequired === true,
      };
      routes.push(
        route(
          httpMethod,
          path,
          integrationTarget(methodProperties.Integration, 'cloudformation', template),
          auth,
          rawValidation(methodProperties, template),
        ),
      );
    }
    const stageResource = ofType('AWS::ApiGateway::Stage').find(([, s]) =>
      refersTo(s.Properties?.RestApiId, id),
    )?.[1];
    const deployment = ofType('AWS::ApiGateway::Deployment').find(([, d]) =>
      refersTo(d.Properties?.RestApiId, id),
    )?.[1];
    const stageName = stageResource?.Properties?.StageName ?? deployment?.Properties?.StageName;
    if (typeof stageName !== 'string')
      notices.push({
        subject: id,
        text: `no Stage or Deployment names its stage: served as stage ${DEFAULT_STAGE}`,
      });
    const stage = typeof stageName === 'string' ? stageName : DEFAULT_STAGE;
    const resourcePolicy = resourcePolicyOf(properties, definition, routes, stage, apiIdOf(id));
    return {
      id,
      apiId: apiIdOf(id),
      stage,
      stageVariables: stringMap(stageResource?.Properties?.Variables),
      routes,
      binaryMediaTypes: Array.isArray(properties.BinaryMediaTypes)
        ? properties.BinaryMediaTypes.filter((t): t is string => typeof t === 'string').map((t) =>
            t.replaceAll('~1', '/'),
          )
        : [],
      apiKeys: apiKeys.of(id),
      gatewayResponses: rawGatewayResponses(template, id),
      ...(resourcePolicy === undefined ? {} : { resourcePolicy }),
    };
  });
}

/** The path of a `ResourceId`: the API's root (`!GetAtt Api.RootResourceId`) or a Resource's PathPart under its parent. */
function resourcePaths(apiId: string, template: Template): (resourceId: unknown) => string | undefined {
  const pathOf = (resourceId: unknown, depth = 0): string | undefined => {
    if (depth > 50) return undefined;
    const getAtt = (resourceId as { 'Fn::GetAtt'?: unknown } | null)?.['Fn::GetAtt'];
    if (Array.isArray(getAtt) && getAtt[0] === apiId && getAtt[1] === 'RootResourceId') return '/';
    const ref = (resourceId as { Ref?: unknown } | null)?.Ref;
    const resource = typeof ref === 'string' ? template.Resources[ref] : undefined;
    if (resource?.Type !== 'AWS::ApiGateway::Resource') return undefined;
    const parent = pathOf(resource.Properties?.ParentId, depth + 1);
    const part = resource.Properties?.PathPart;
    if (parent === undefined || typeof part !== 'string') return undefined;
    return `${parent === '/' ? '' : parent}/${part}`;
  };
  return pathOf;
}
