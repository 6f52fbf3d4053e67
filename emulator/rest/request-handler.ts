import type { IncomingMessage } from 'node:http';
import type { Gateway } from '../gateway/front-door';
import { gatewayReply, type HttpReply } from '../gateway/http-reply';
import type { Handled } from '../gateway/handled-request';
import { withDeadline } from '../gateway/with-deadline';
import { incomingRequest } from '../gateway/incoming-request';
import { resultOf } from '../gateway/invocation-report';
import type { RunningFunctions } from '../runtime/running-functions';
import { randomUUID } from 'node:crypto';
import { RestAuthorizers, type AuthRefusal } from '../auth/rest-authorizer';
import type { AuthorizationRecord } from '../gateway/invocation-record';
import { findHeader, headerPairs, pairsToMaps } from '../formats/parameter-maps';
import { restRouteLabel, type MethodAuth, type RestApi } from '../template/rest-api-model';
import { integrated } from '../gateway/integrated-step';
import { restAccessLogValues, unroutedAccessLogValues } from './access-log-values';
import type { StageClock } from '../gateway/stage-clock';
import { gatewayResponse } from './gateway-responses';
import { preflight } from './cors-preflight';
import { isBinary, proxyEventV1, type ProxyEventV1Input } from '../formats/proxy-v1-event';
import { restEventInput } from './event-input';
import { iamAuthorization } from './iam-authorization';
import { resourcePolicyCheck } from './resource-policy-check';
import { runNonProxy } from './integrate';
import { methodRequestOf } from './method-request';
import { validateRequest } from './validate-request';
import { replyFor } from '../gateway/proxy-v1-result';
import { matchApiRoute } from './route-matching';

export const API_GATEWAY_TIMEOUT_MS = 29_000;

export interface RestOptions {
  /** API Gateway's integration timeout; lowered only by tests. */
  apiTimeoutMs?: number;
}

/** The REST APIs of a template as one gateway: API Gateway's routing, authorization and gateway responses in front of the functions. */
export function restGateway(
  apis: RestApi[],
  functions: RunningFunctions,
  options: RestOptions = {},
): Gateway {
  const gateway: RestGateway = {
    apis,
    functions,
    authorizers: new RestAuthorizers(functions),
    apiTimeoutMs: options.apiTimeoutMs ?? API_GATEWAY_TIMEOUT_MS,
  };
  return {
    // An OPTIONS request for a path a REST API has, whatever the method, is the REST APIs' to answer.
    owns: (method, path) =>
      matchApiRoute(apis, method === 'OPTIONS' ? undefined : method, path) !== undefined,
    answer: (request, path, body, clock) => handle(request, path, body, gateway, clock),
  };
}

/** What every request of the REST APIs is answered with. */
interface RestGateway {
  apis: RestApi[];
  functions: RunningFunctions;
  authorizers: RestAuthorizers;
  apiTimeoutMs: number;
}

async function handle(
  request: IncomingMessage,
  path: string,
  body: Buffer,
  gateway: RestGateway,
  clock: StageClock,
): Promise<Handled> {
  const { apis, functions, authorizers, apiTimeoutMs } = gateway;
  const method = request.method ?? 'GET';
  const preflightMatch = method === 'OPTIONS' ? matchApiRoute(apis, undefined, path) : undefined;
  const cors = preflightMatch?.api.cors;
  if (preflightMatch !== undefined && cors !== undefined) {
    const guard = preflightMatch.api.preflightAuth;
    const checked =
      guard === undefined
        ? undefined
        : await guarded(
            guard,
            restEventInput(incomingRequest(request, body), preflightMatch),
            preflightMatch.api,
            authorizers,
          );
    return { http: checked?.refused ?? preflight(cors) };
  }
  const match = matchApiRoute(apis, method, path);
  if (match === undefined) {
    clock.step('Route', 'no route: Missing Authentication Token');
    const api = apiOfStage(apis, path);
    const requestId = randomUUID();
    if (api?.accessLogFormat !== undefined)
      clock.accessLog = {
        format: api.accessLogFormat,
        values: unroutedAccessLogValues(api, method, request.socket.remoteAddress, requestId),
      };
    return { http: gatewayResponse(api, MISSING_TOKEN, requestId) };
  }
  const { functionId, integration, unsupported, validation } = match.route;
  if (functionId === undefined && integration === undefined) {
    return { http: gatewayReply(500, 'Internal server error', { fault: unsupported ?? 'no integration' }) };
  }
  const input = restEventInput(incomingRequest(request, body), match);
  const { requestId } = input;
  const { accessLogFormat } = match.api;
  if (accessLogFormat !== undefined)
    clock.accessLog = { format: accessLogFormat, values: () => restAccessLogValues(input) };
  const event = (): unknown => proxyEventV1(input);
  const trigger = restRouteLabel(match.api, match.route);
  clock.step('Route', trigger);
  const checked =
    match.route.auth === undefined && match.api.resourcePolicy === undefined
      ? undefined
      : await guarded(match.route.auth, input, match.api, authorizers);
  const authorization = checked?.authorization;
  // Made when the console reads it: an authorized request's hot path builds no text for it.
  if (checked !== undefined)
    clock.step('Authorize', () =>
      authorization !== undefined
        ? `${authorization.authorizer}${authorization.cached ? ', from the cache' : ''}: ${authorization.decision}`
        : checked.refused !== undefined
          ? 'refused by the resource policy'
          : (checked.note ?? 'allowed by the resource policy'),
    );
  const note = checked?.note;
  if (checked?.refused !== undefined && functionId === undefined) return { http: checked.refused, note };
  if (checked?.refused !== undefined && functionId !== undefined) {
    // Nothing was invoked; the console still shows the request, and why it was refused.
    const { refused } = checked;
    return {
      http: refused,
      invoked: {
        requestId,
        logs: [],
        record: {
          functionId,
          trigger,
          event,
          result: JSON.parse(refused.body.toString('utf8')) as unknown,
          ...(authorization === undefined ? {} : { authorization }),
        },
      },
      note,
    };
  }
  if (validation !== undefined || integration !== undefined) {
    const methodRequest = methodRequestOf(input);
    const invalid =
      validation === undefined ? undefined : validateRequest(validation, methodRequest, match.api, requestId);
    if (validation !== undefined) clock.step('Validate', invalid === undefined ? 'passed' : invalid.fault);
    if (invalid !== undefined) return { http: invalid, note };
    if (integration !== undefined) {
      const handled = await runNonProxy(
        integration,
        methodRequest,
        match.api,
        requestId,
        functions,
        trigger,
        validation,
        clock,
      );
      return { http: handled.http, invoked: handled.invoked, note };
    }
  }
  if (functionId === undefined) throw new Error('a route without an integration was routed');
  const invocation = functions.invokeProxyV1(functionId, input);
  // Only a function allowed to run longer than API Gateway waits needs the gateway's own deadline.
  const outcome =
    functions.timeoutMs(functionId) > apiTimeoutMs
      ? await withDeadline(invocation.outcome, apiTimeoutMs)
      : await invocation.outcome;
  clock.step('Integrate', () => integrated(functionId, invocation.awsRequestId, outcome, functions));
  if (outcome === undefined) {
    const fault = `the integration ran past API Gateway's ${apiTimeoutMs / 1000} s limit; the function goes on`;
    const timedOut = {
      type: 'INTEGRATION_TIMEOUT',
      statusCode: 504,
      message: 'Endpoint request timed out',
      errorType: 'IntegrationTimeoutException',
      fault,
    };
    return {
      http: gatewayResponse(match.api, timedOut, requestId),
      invoked: {
        requestId,
        logs: invocation.logs,
        record: { functionId, trigger, event, result: { message: 'still running' }, authorization },
      },
      note,
    };
  }
  return {
    http: replyFor(outcome, () => acceptsBinary(input.request.rawHeaders, match.api.binaryMediaTypes)),
    invoked: {
      requestId,
      logs: invocation.logs,
      record: { functionId, trigger, event, result: resultOf(outcome), authorization },
    },
    note,
  };
}

/**
 * What API Gateway checks before the integration: the authorizer, then the API key. Undefined when
 * the request may go on, with `input` now carrying what the authorizer passed on and the key.
 */
async function guarded(
  auth: MethodAuth | undefined,
  input: ProxyEventV1Input,
  api: RestApi,
  authorizers: RestAuthorizers,
): Promise<{ refused?: HttpReply; authorization?: AuthorizationRecord; note?: string }> {
  let authorization: AuthorizationRecord | undefined;
  let note: string | undefined;
  if (auth?.iam === true) {
    const iam = await iamAuthorization(input, api);
    authorization = iam.authorization;
    if (iam.refused !== undefined) return { refused: iam.refused, authorization };
    note = iam.note;
  }
  if (api.resourcePolicy !== undefined) {
    const policy = resourcePolicyCheck(api, input);
    if (policy.refused !== undefined)
      return authorization === undefined
        ? { refused: policy.refused }
        : { refused: policy.refused, authorization };
    if (policy.note !== undefined) note = note === undefined ? policy.note : `${note}; ${policy.note}`;
  }
  if (auth?.authorizer !== undefined) {
    const decision = await authorizers.authorize(auth.authorizer, proxyEventV1(input));
    authorization = decision.trace;
    if (decision.note !== undefined) note = note === undefined ? decision.note : `${note}; ${decision.note}`;
    if (!decision.allowed) {
      const { refusal } = decision;
      const refused = gatewayResponse(
        api,
        {
          type: refusal.type,
          statusCode: refusal.statusCode,
          message: refusal.message,
          errorType: ERROR_TYPES[refusal.type],
          ...(refusal.type === 'ACCESS_DENIED' ? { messageKey: 'Message' as const } : {}),
          fault: 'fault' in refusal ? refusal.fault : decision.trace.decision,
        },
        input.requestId,
      );
      return { refused, authorization, note };
    }
    input.authorizer = decision.authorizer;
  }
  if (auth?.apiKeyRequired === true) {
    const value = findHeader(pairsToMaps(headerPairs(input.request.rawHeaders)).single, 'x-api-key');
    const id = value === undefined ? undefined : api.apiKeys.get(value);
    if (value === undefined || id === undefined) {
      const forbidden = {
        type: 'INVALID_API_KEY',
        statusCode: 403,
        message: 'Forbidden',
        errorType: 'ForbiddenException',
      };
      const fault =
        value === undefined
          ? 'no x-api-key header'
          : 'the x-api-key is no enabled key of a usage plan of this stage';
      return {
        refused: gatewayResponse(api, { ...forbidden, fault }, input.requestId),
        ...(authorization === undefined ? {} : { authorization }),
      };
    }
    input.apiKey = { value, id };
  }
  return {
    ...(authorization === undefined ? {} : { authorization }),
    note,
  };
}

/**
 * Whether API Gateway sends a base64 result as binary: "API Gateway uses the first Accept header
 * from clients to determine if a response should return binary media" (Binary media types for REST
 * APIs); the first media type of that header must match one of the API's binary media types.
 */
function acceptsBinary(rawHeaders: string[], binaryMediaTypes: string[]): boolean {
  if (binaryMediaTypes.length === 0) return false;
  const accept = findHeader(pairsToMaps(headerPairs(rawHeaders)).single, 'accept');
  return isBinary(accept?.split(',')[0], binaryMediaTypes);
}

/** API Gateway's answer to a path no method has, and to an unsigned request of an AWS_IAM method. */
const MISSING_TOKEN = {
  type: 'MISSING_AUTHENTICATION_TOKEN',
  statusCode: 403,
  message: 'Missing Authentication Token',
  errorType: 'MissingAuthenticationTokenException',
};

/**
 * The API whose stage a path starts with, whose gateway responses answer it; a path without a stage
 * is the only REST API's when there is one (its URLs work without the stage); else none.
 */
function apiOfStage(apis: RestApi[], path: string): RestApi | undefined {
  const staged = apis.find((api) => path === `/${api.stage}` || path.startsWith(`/${api.stage}/`));
  return staged ?? (apis.length === 1 ? apis[0] : undefined);
}

const ERROR_TYPES: Record<AuthRefusal['type'], string> = {
  UNAUTHORIZED: 'UnauthorizedException',
  EXPIRED_TOKEN: 'UnauthorizedException',
  ACCESS_DENIED: 'AccessDeniedException',
  AUTHORIZER_CONFIGURATION_ERROR: 'AuthorizerConfigurationException',
};
