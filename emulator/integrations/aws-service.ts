import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { gatewayReply } from '../gateway/http-reply';
import type { NonProxyIntegration } from '../template/rest-integration-model';
import type { IntegrationRequest } from './integration-request-types';
import { callBackend } from './backend-call';
import type { IntegrationOutcome } from './outcome';

/**
 * Services whose actions are JSON RPC (`X-Amz-Target: {prefix}.{Action}`): API Gateway sets the target
 * and content type from the integration URI's `action/{Action}`. The others (SQS, SNS) take the action
 * as a query parameter.
 */
const JSON_SERVICES: Record<string, { target: string; contentType: string }> = {
  dynamodb: { target: 'DynamoDB_20120810', contentType: 'application/x-amz-json-1.0' },
  states: { target: 'AWSStepFunctions', contentType: 'application/x-amz-json-1.0' },
  events: { target: 'AWSEvents', contentType: 'application/x-amz-json-1.1' },
  kinesis: { target: 'Kinesis_20131202', contentType: 'application/x-amz-json-1.1' },
  firehose: { target: 'Firehose_20150804', contentType: 'application/x-amz-json-1.1' },
  logs: { target: 'Logs_20140328', contentType: 'application/x-amz-json-1.1' },
};

/** The SDK's service id for `AWS_ENDPOINT_URL_<ID>` where it is not the signing name in capitals. */
const ENDPOINT_IDS: Record<string, string> = {
  states: 'SFN',
  events: 'EVENTBRIDGE',
  logs: 'CLOUDWATCH_LOGS',
};

/** `arn:aws:apigateway:{region}:{subdomain.}{service}:{action|path}/{rest}` */
export function parseServiceUri(
  uri: string,
):
  { region: string; subdomain?: string; service: string; kind: 'action' | 'path'; rest: string } | undefined {
  const parsed = /^arn:aws[\w-]*:apigateway:([^:]*):([^:]+):(action|path)\/(.*)$/.exec(uri);
  if (parsed === null) return undefined;
  const [, region = '', host = '', kind, rest = ''] = parsed;
  const dot = host.lastIndexOf('.');
  return {
    region,
    service: host.slice(dot + 1),
    ...(dot === -1 ? {} : { subdomain: host.slice(0, dot) }),
    kind: kind === 'action' ? 'action' : 'path',
    rest,
  };
}

/** Where a call to the service goes: the developer's AWS_ENDPOINT_URL_<SERVICE> or AWS_ENDPOINT_URL, else AWS. */
export function serviceEndpoint(
  service: string,
  region: string,
  env: NodeJS.ProcessEnv = process.env,
): { url: string; local: boolean } {
  const id = ENDPOINT_IDS[service] ?? service.toUpperCase().replace(/[^A-Z0-9]/g, '_');
  const local = env[`AWS_ENDPOINT_URL_${id}`] ?? env.AWS_ENDPOINT_URL;
  if (local !== undefined && local !== '') return { url: local, local: true };
  return { url: `https://${service}.${region}.amazonaws.com`, local: false };
}

/**
 * An AWS service integration: the integration request sent, SigV4-signed, to the service's endpoint as
 * API Gateway sends it. Locally it is signed with the developer's credentials (the integration's role
 * is not assumed) and goes to the endpoint the developer set for the service; to AWS itself only with
 * credentials in the environment, never unsigned.
 */
export async function awsServiceIntegration(
  integration: Pick<NonProxyIntegration, 'uri' | 'httpMethod' | 'timeoutMs'>,
  request: IntegrationRequest,
  env: NodeJS.ProcessEnv = process.env,
): Promise<IntegrationOutcome> {
  const target = parseServiceUri(integration.uri);
  if (target === undefined)
    return failed(`the AWS integration URI is not an API Gateway service ARN: ${integration.uri}`);
  const region =
    target.region === '' ? (env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1') : target.region;
  const endpoint = serviceEndpoint(target.service, region, env);
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  const haveKeys = accessKeyId !== undefined && secretAccessKey !== undefined;
  if (!endpoint.local && !haveKeys)
    return failed(
      `the ${target.service} integration would call AWS, and there are no credentials in the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY): set them, or AWS_ENDPOINT_URL_${ENDPOINT_IDS[target.service] ?? target.service.toUpperCase()} for a local service`,
    );
  const url = new URL(endpoint.url);
  if (target.subdomain !== undefined && !endpoint.local) url.hostname = `${target.subdomain}.${url.hostname}`;
  const json = JSON_SERVICES[target.service];
  const headers: Record<string, string> = { ...request.headers };
  if (target.kind === 'path') {
    const base = url.pathname.replace(/\/$/, '');
    url.pathname = `${base}/${target.rest.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(request.path[name] ?? ''))}`;
  } else if (json !== undefined) {
    headers['X-Amz-Target'] = `${json.target}.${target.rest}`;
    headers['Content-Type'] = json.contentType;
  } else {
    url.searchParams.set('Action', target.rest);
  }
  for (const [name, value] of Object.entries(request.querystring)) url.searchParams.set(name, value);
  if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type'))
    headers['Content-Type'] = request.contentType;
  headers.host = url.host;
  const signer = new SignatureV4({
    service: target.service,
    region,
    credentials: haveKeys
      ? {
          accessKeyId,
          secretAccessKey,
          ...(env.AWS_SESSION_TOKEN === undefined ? {} : { sessionToken: env.AWS_SESSION_TOKEN }),
        }
      : { accessKeyId: 'local', secretAccessKey: 'local' },
    sha256: Hash.bind(null, 'sha256'),
  });
  const signed = await signer.sign({
    method: integration.httpMethod ?? 'POST',
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port === '' ? {} : { port: Number(url.port) }),
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers,
    body: request.body,
  });
  const answer = await callBackend({
    method: integration.httpMethod ?? 'POST',
    url,
    headers: signed.headers,
    body: request.body,
    timeoutMs: integration.timeoutMs,
  });
  if ('failed' in answer) return answer.failed;
  return { kind: 'response', status: answer.status, headers: answer.headers, body: answer.body };
}

function failed(fault: string): IntegrationOutcome {
  return { kind: 'failed', reply: gatewayReply(500, 'Internal server error', { fault }) };
}
