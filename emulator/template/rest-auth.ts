import { functionOfUri } from './integration-target';
import type { Notice } from './notices';
import { asRecord, stringArray } from './property-values';
import type { IdentitySource, MethodAuth, RestAuthorizer } from './rest-api-model';
import type { Resource, Template } from './template';

/** API Gateway's default for an authorizer's result TTL. */
const DEFAULT_TTL_SECONDS = 300;

/** An API's SAM `Auth`, read: its authorizers by name, and what applies to methods that say nothing. */
export interface SamApiAuth {
  authorizers: Map<string, RestAuthorizer>;
  defaultAuthorizer?: string;
  apiKeyRequired: boolean;
  /** SAM puts the default authorizer (and the API key) on the CORS preflight unless told not to. */
  addDefaultAuthorizerToCorsPreflight: boolean;
  addApiKeyRequiredToCorsPreflight: boolean;
}

/** SAM's `Auth` of an `AWS::Serverless::Api` (or `Globals.Api`), as SAM turns it into authorizers. */
export function samApiAuth(auth: unknown, apiId: string, notices: Notice[], template: Template): SamApiAuth {
  const settings = asRecord(auth);
  const authorizers = new Map<string, RestAuthorizer>();
  for (const [name, value] of Object.entries(asRecord(settings.Authorizers))) {
    const authorizer = asRecord(value);
    const identity = asRecord(authorizer.Identity);
    const ttl =
      typeof identity.ReauthorizeEvery === 'number' ? identity.ReauthorizeEvery : DEFAULT_TTL_SECONDS;
    if (authorizer.UserPoolArn !== undefined) {
      const header = typeof identity.Header === 'string' ? identity.Header : 'Authorization';
      authorizers.set(name, {
        name,
        type: 'COGNITO_USER_POOLS',
        identitySources: [{ from: 'header', name: header }],
      });
      continue;
    }
    const functionId = functionOfUri(authorizer.FunctionArn, template);
    if (functionId === undefined) {
      notices.push({
        subject: apiId,
        text: `authorizer ${name}: its FunctionArn names no function of this template; methods using it answer 500`,
      });
      continue;
    }
    if (authorizer.FunctionPayloadType === 'REQUEST') {
      const identitySources: IdentitySource[] = [
        ...stringArray(identity.Headers).map((header) => ({ from: 'header' as const, name: header })),
        ...stringArray(identity.QueryStrings).map((query) => ({ from: 'query' as const, name: query })),
        ...stringArray(identity.StageVariables).map((variable) => ({
          from: 'stageVariable' as const,
          name: variable,
        })),
        ...stringArray(identity.Context).map((context) => ({ from: 'context' as const, name: context })),
      ];
      // With no identity source, API Gateway cannot cache by identity: SAM sets the TTL to 0.
      authorizers.set(name, {
        name,
        type: 'REQUEST',
        functionId,
        identitySources,
        ttlSeconds: identitySources.length === 0 ? 0 : ttl,
      });
    } else {
      const header = typeof identity.Header === 'string' ? identity.Header : 'Authorization';
      authorizers.set(name, {
        name,
        type: 'TOKEN',
        functionId,
        identitySources: [{ from: 'header', name: header }],
        ttlSeconds: ttl,
        ...(typeof identity.ValidationExpression === 'string'
          ? { validationExpression: identity.ValidationExpression }
          : {}),
      });
    }
  }
  return {
    authorizers,
    ...(typeof settings.DefaultAuthorizer === 'string'
      ? { defaultAuthorizer: settings.DefaultAuthorizer }
      : {}),
    apiKeyRequired: settings.ApiKeyRequired === true,
    addDefaultAuthorizerToCorsPreflight: settings.AddDefaultAuthorizerToCorsPreflight !== false,
    addApiKeyRequiredToCorsPreflight: settings.AddApiKeyRequiredToCorsPreflight !== false,
  };
}

/** The guard of one method of a SAM API, from the event's own `Auth` and the API's defaults. */
export function samMethodAuth(api: SamApiAuth, eventAuth: unknown): MethodAuth {
  const own = asRecord(eventAuth);
  const name = typeof own.Authorizer === 'string' ? own.Authorizer : api.defaultAuthorizer;
  const authorizer = name === undefined || name === 'NONE' ? undefined : api.authorizers.get(name);
  const apiKeyRequired = typeof own.ApiKeyRequired === 'boolean' ? own.ApiKeyRequired : api.apiKeyRequired;
  return {
    ...(authorizer === undefined ? {} : { authorizer }),
    ...(name === 'AWS_IAM' ? { iam: true } : {}),
    apiKeyRequired,
  };
}

/** The guard of the CORS preflight of a SAM API. */
export function samPreflightAuth(api: SamApiAuth): MethodAuth {
  const authorizer =
    api.addDefaultAuthorizerToCorsPreflight && api.defaultAuthorizer !== undefined
      ? api.authorizers.get(api.defaultAuthorizer)
      : undefined;
  const iam = api.addDefaultAuthorizerToCorsPreflight && api.defaultAuthorizer === 'AWS_IAM';
  return {
    ...(authorizer === undefined ? {} : { authorizer }),
    ...(iam ? { iam } : {}),
    apiKeyRequired: api.apiKeyRequired && api.addApiKeyRequiredToCorsPreflight,
  };
}

/** `method.request.header.Authorization, method.request.querystring.token, stageVariables.x, context.y` */
export function identitySources(text: unknown): IdentitySource[] {
  if (typeof text !== 'string') return [];
  return text
    .split(',')
    .map((part) => part.trim())
    .flatMap((part): IdentitySource[] => {
      const header = /^method\.request\.header\.(.+)$/.exec(part)?.[1];
      if (header !== undefined) return [{ from: 'header', name: header }];
      const query = /^method\.request\.querystring\.(.+)$/.exec(part)?.[1];
      if (query !== undefined) return [{ from: 'query', name: query }];
      const variable = /^stageVariables\.(.+)$/.exec(part)?.[1];
      if (variable !== undefined) return [{ from: 'stageVariable', name: variable }];
      const context = /^context\.(.+)$/.exec(part)?.[1];
      return context === undefined ? [] : [{ from: 'context', name: context }];
    });
}

/** A raw `AWS::ApiGateway::Authorizer`. */
export function rawAuthorizer(
  id: string,
  resource: Resource,
  notices: Notice[],
  template: Template,
): RestAuthorizer | undefined {
  const properties = resource.Properties ?? {};
  const sources = identitySources(properties.IdentitySource);
  if (properties.Type === 'COGNITO_USER_POOLS')
    return { name: id, type: 'COGNITO_USER_POOLS', identitySources: sources };
  const functionId = functionOfUri(properties.AuthorizerUri, template);
  if ((properties.Type !== 'TOKEN' && properties.Type !== 'REQUEST') || functionId === undefined) {
    notices.push({
      subject: id,
      text: 'not served: its Type or AuthorizerUri cannot be resolved locally; methods using it answer 500',
    });
    return undefined;
  }
  const ttl =
    typeof properties.AuthorizerResultTtlInSeconds === 'number'
      ? properties.AuthorizerResultTtlInSeconds
      : DEFAULT_TTL_SECONDS;
  return {
    name: id,
    type: properties.Type,
    functionId,
    identitySources: sources,
    ttlSeconds: ttl,
    ...(typeof properties.IdentityValidationExpression === 'string'
      ? { validationExpression: properties.IdentityValidationExpression }
      : {}),
  };
}

/** The raw authorizers of a template by logical id. */
export function rawAuthorizers(template: Template, notices: Notice[]): Map<string, RestAuthorizer> {
  const authorizers = new Map<string, RestAuthorizer>();
  for (const [id, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::ApiGateway::Authorizer') continue;
    const authorizer = rawAuthorizer(id, resource, notices, template);
    if (authorizer !== undefined) authorizers.set(id, authorizer);
  }
  return authorizers;
}
