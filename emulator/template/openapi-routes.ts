import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { integrationTarget, type RouteTarget } from './rest-integrations';
import { parseCloudFormationYaml, type Template } from './template';

/** One operation of an OpenAPI definition, as API Gateway imports it. */
export interface OpenApiOperation {
  method: string;
  path: string;
  /** The function of an `aws_proxy` integration, another integration, or why the operation is not emulated. */
  target: RouteTarget;
  /** The operation as written, for what else it declares (parameters, models, validators). */
  operation: Record<string, unknown>;
  /** The parameters its path item declares for every operation. */
  pathParameters: unknown;
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
      const fields = (operation ?? {}) as Record<string, unknown>;
      const integration = fields['x-amazon-apigateway-integration'];
      operations.push({
        method,
        path,
        target:
          integration === undefined
            ? { unsupported: 'it has no x-amazon-apigateway-integration' }
            : integrationTarget(integration, 'openapi', template),
        operation: fields,
        pathParameters: (item as Record<string, unknown>).parameters,
      });
    }
  }
  return operations;
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
