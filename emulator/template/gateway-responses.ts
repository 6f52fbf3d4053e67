import { unquote } from './property-values';
import type { GatewayResponseOverride } from './rest-api-model';
import type { Template } from './template';

function override(
  statusCode: unknown,
  headers: [string, string][],
  templates: unknown,
): GatewayResponseOverride {
  const template = (templates as Record<string, unknown> | undefined)?.['application/json'];
  const status = Number(statusCode);
  return {
    ...(Number.isInteger(status) && status > 0 ? { statusCode: status } : {}),
    headers,
    ...(typeof template === 'string' ? { template } : {}),
  };
}

/** SAM's `GatewayResponses` of an API: `{UNAUTHORIZED: {StatusCode, ResponseParameters: {Headers}, ResponseTemplates}}`. */
export function samGatewayResponses(value: unknown): Map<string, GatewayResponseOverride> {
  const responses = new Map<string, GatewayResponseOverride>();
  if (typeof value !== 'object' || value === null) return responses;
  for (const [type, setting] of Object.entries(value as Record<string, Record<string, unknown>>)) {
    const headers = Object.entries(
      (setting.ResponseParameters as { Headers?: Record<string, unknown> } | undefined)?.Headers ?? {},
    )
      .map(([name, header]): [string, string | undefined] => [name, unquote(header)])
      .filter((pair): pair is [string, string] => pair[1] !== undefined);
    responses.set(type, override(setting.StatusCode, headers, setting.ResponseTemplates));
  }
  return responses;
}

/** The raw `AWS::ApiGateway::GatewayResponse` resources of one API. */
export function rawGatewayResponses(
  template: Template,
  apiLogicalId: string,
): Map<string, GatewayResponseOverride> {
  const responses = new Map<string, GatewayResponseOverride>();
  for (const resource of Object.values(template.Resources)) {
    const properties = resource.Properties ?? {};
    if (resource.Type !== 'AWS::ApiGateway::GatewayResponse') continue;
    if ((properties.RestApiId as { Ref?: unknown } | undefined)?.Ref !== apiLogicalId) continue;
    if (typeof properties.ResponseType !== 'string') continue;
    const headers = Object.entries((properties.ResponseParameters ?? {}) as Record<string, unknown>)
      .map(([name, header]): [string, string | undefined] => [
        name.replace(/^gatewayresponse\.header\./, ''),
        unquote(header),
      ])
      .filter((pair): pair is [string, string] => pair[1] !== undefined);
    responses.set(
      properties.ResponseType,
      override(properties.StatusCode, headers, properties.ResponseTemplates),
    );
  }
  return responses;
}
