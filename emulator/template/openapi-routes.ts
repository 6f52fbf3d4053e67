import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { functionOfUri } from './integration-target';
import { parseCloudFormationYaml, type Template } from './template';

/** One operation of an OpenAPI definition, as API Gateway imports it. */
export interface OpenApiOperation {
  method: string;
  path: string;
  /** The function of an `aws_proxy` integration, or why the operation is not emulated. */
  target: { functionId: string } | { unsupported: string };
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'];

/** The operations of an OpenAPI 2 or 3 body with API Gateway's `x-amazon-apigateway-*` extensions. */
export function openApiOperations(body: unknown, template: Template): OpenApiOperation[] {
  const paths = (body as { paths?: unknown } | null)?.paths;
  if (typeof paths !== 'object' || paths === null) return [];
  const operations: OpenApiOperation[] = [];
  for (const [path, item] of Object.entries(paths)) {
    if (typeof item !== 'object' || item === null) continue;
    for (const [key, operation] of Object.entries(item as Record<string, unknown>)) {
      const method =
        key === 'x-amazon-apigateway-any-method'
          ? 'ANY'
          : METHODS.includes(key)
            ? key.toUpperCase()
            : undefined;
      if (method === undefined) continue;
      const integration = (operation as Record<string, unknown> | null)?.[
        'x-amazon-apigateway-integration'
      ] as { type?: unknown; uri?: unknown } | undefined;
      operations.push({ method, path, target: targetOf(integration, template) });
    }
  }
  return operations;
}

function targetOf(
  integration: { type?: unknown; uri?: unknown } | undefined,
  template: Template,
): OpenApiOperation['target'] {
  if (integration === undefined) return { unsupported: 'it has no x-amazon-apigateway-integration' };
  const type = typeof integration.type === 'string' ? integration.type.toLowerCase() : '';
  if (type !== 'aws_proxy')
    return {
      unsupported: `${type.toUpperCase() || 'an unknown'} integration is not emulated (only Lambda proxy, aws_proxy, is)`,
    };
  const functionId = functionOfUri(integration.uri, template);
  return functionId === undefined
    ? {
        unsupported: `its integration URI names no function of this template: ${JSON.stringify(integration.uri)}`,
      }
    : { functionId };
}

/**
 * An API's OpenAPI definition from the template: `DefinitionBody` inline or through
 * `Fn::Transform: AWS::Include` with a local Location, or a local `DefinitionUri` file. A string
 * names why it cannot be read; undefined when the API has none.
 */
export function openApiDefinition(properties: Record<string, unknown>, templateDir: string): unknown {
  const body = properties.DefinitionBody ?? properties.Body;
  const include = (
    body as { 'Fn::Transform'?: { Name?: unknown; Parameters?: { Location?: unknown } } } | undefined
  )?.['Fn::Transform'];
  const location = include?.Name === 'AWS::Include' ? include.Parameters?.Location : undefined;
  const uri = location ?? properties.DefinitionUri ?? properties.BodyS3Location;
  if (body !== undefined && location === undefined) return body;
  if (uri === undefined) return undefined;
  if (typeof uri !== 'string' || uri.startsWith('s3://'))
    return `its definition is in S3 (${JSON.stringify(uri)})`;
  const path = resolve(templateDir, uri);
  try {
    return parseCloudFormationYaml(readFileSync(path, 'utf8'), uri);
  } catch (error) {
    return `its definition ${uri} cannot be read: ${(error as Error).message}`;
  }
}
