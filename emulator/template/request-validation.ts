import { asRecord } from './property-values';
import type { RequestValidation, RequiredParameter } from './rest-integration-model';
import type { Template } from './template';

interface Validator {
  body: boolean;
  parameters: boolean;
}

/** `x-amazon-apigateway-request-validators` entries by name. */
function openApiValidators(definition: Record<string, unknown>): Map<string, Validator> {
  const validators = new Map<string, Validator>();
  for (const [name, value] of Object.entries(
    asRecord(definition['x-amazon-apigateway-request-validators']),
  )) {
    const fields = asRecord(value);
    validators.set(name, {
      body: fields.validateRequestBody === true,
      parameters: fields.validateRequestParameters === true,
    });
  }
  return validators;
}

const WHERE: Record<string, RequiredParameter['where'] | undefined> = {
  query: 'querystring',
  header: 'header',
  path: 'path',
};

/**
 * The validator of an OpenAPI operation (its own `x-amazon-apigateway-request-validator`, or the
 * definition's), with the required parameters and body models it checks; undefined without one.
 */
export function openApiValidation(
  definition: unknown,
  operation: Record<string, unknown>,
  pathParameters: unknown,
): RequestValidation | undefined {
  const doc = asRecord(definition);
  const name =
    operation['x-amazon-apigateway-request-validator'] ?? doc['x-amazon-apigateway-request-validator'];
  const validator = typeof name === 'string' ? openApiValidators(doc).get(name) : undefined;
  if (validator === undefined || (!validator.body && !validator.parameters)) return undefined;
  const resolve = refResolver(doc);
  const required: RequiredParameter[] = [];
  const models: Record<string, unknown> = {};
  const listed = (value: unknown): unknown[] => (Array.isArray(value) ? (value as unknown[]) : []);
  const parameters = [...listed(pathParameters), ...listed(operation.parameters)].map((parameter) =>
    asRecord(resolve(parameter)),
  );
  for (const parameter of parameters) {
    const where = typeof parameter.in === 'string' ? WHERE[parameter.in] : undefined;
    if (where !== undefined && parameter.required === true && typeof parameter.name === 'string')
      required.push({ where, name: parameter.name });
    // OpenAPI 2: the body is a parameter; API Gateway takes its schema as the model of every content type.
    if (parameter.in === 'body' && parameter.schema !== undefined)
      models.$default = resolve(parameter.schema);
  }
  const content = asRecord(asRecord(resolve(operation.requestBody)).content);
  for (const [contentType, media] of Object.entries(content)) {
    const schema = asRecord(media).schema;
    if (schema !== undefined) models[contentType] = resolve(schema);
  }
  return { body: validator.body, parameters: validator.parameters, required, models };
}

/** `#/definitions/X` and `#/components/schemas/X` (and `#/components/parameters/X`...) replaced by what they name. */
function refResolver(doc: Record<string, unknown>): (value: unknown) => unknown {
  const resolve = (value: unknown, depth: number): unknown => {
    if (depth > 32 || typeof value !== 'object' || value === null) return value;
    if (Array.isArray(value)) return value.map((item) => resolve(item, depth + 1));
    const record = value as Record<string, unknown>;
    const ref = record.$ref;
    if (typeof ref === 'string' && ref.startsWith('#/')) {
      let target: unknown = doc;
      for (const part of ref.slice(2).split('/'))
        target = asRecord(target)[part.replaceAll('~1', '/').replaceAll('~0', '~')];
      return resolve(target, depth + 1);
    }
    return Object.fromEntries(Object.entries(record).map(([key, item]) => [key, resolve(item, depth + 1)]));
  };
  return (value) => resolve(value, 0);
}

/**
 * The validator of an `AWS::ApiGateway::Method`: its `RequestValidatorId` (an
 * `AWS::ApiGateway::RequestValidator`), `RequestParameters` (`method.request.querystring.x: true`
 * is required) and `RequestModels` (`AWS::ApiGateway::Model` resources).
 */
export function rawValidation(
  method: Record<string, unknown>,
  template: Template,
): RequestValidation | undefined {
  const validatorRef = asRecord(method.RequestValidatorId).Ref;
  const validator = typeof validatorRef === 'string' ? template.Resources[validatorRef] : undefined;
  if (validator?.Type !== 'AWS::ApiGateway::RequestValidator') return undefined;
  const body = validator.Properties?.ValidateRequestBody === true;
  const parameters = validator.Properties?.ValidateRequestParameters === true;
  if (!body && !parameters) return undefined;
  const required: RequiredParameter[] = [];
  for (const [key, isRequired] of Object.entries(asRecord(method.RequestParameters))) {
    const parsed = /^method\.request\.(querystring|header|path)\.(.+)$/.exec(key);
    if (parsed?.[1] !== undefined && parsed[2] !== undefined && isRequired === true)
      required.push({ where: parsed[1] as RequiredParameter['where'], name: parsed[2] });
  }
  const models: Record<string, unknown> = {};
  const modelsByName = new Map<string, unknown>();
  for (const [id, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::ApiGateway::Model') continue;
    const name = resource.Properties?.Name;
    modelsByName.set(typeof name === 'string' ? name : id, resource.Properties?.Schema);
  }
  for (const [contentType, model] of Object.entries(asRecord(method.RequestModels))) {
    const ref = asRecord(model).Ref;
    const resource = typeof ref === 'string' ? template.Resources[ref] : undefined;
    const schema = resource?.Type === 'AWS::ApiGateway::Model' ? resource.Properties?.Schema : undefined;
    if (schema !== undefined) models[contentType] = modelRefs(parseSchema(schema), modelsByName);
  }
  return { body, parameters, required, models };
}

/** A model's Schema, which CloudFormation takes as an object or as JSON text. */
function parseSchema(schema: unknown): unknown {
  if (typeof schema !== 'string') return schema;
  try {
    return JSON.parse(schema) as unknown;
  } catch {
    return schema;
  }
}

/** A model's `$ref` to another (`https://apigateway.amazonaws.com/restapis/{id}/models/{Name}`) replaced by its schema. */
function modelRefs(schema: unknown, byName: Map<string, unknown>, depth = 0): unknown {
  if (depth > 32 || typeof schema !== 'object' || schema === null) return schema;
  if (Array.isArray(schema)) return schema.map((item) => modelRefs(item, byName, depth + 1));
  const record = schema as Record<string, unknown>;
  const name = typeof record.$ref === 'string' ? /\/models\/([^/]+)$/.exec(record.$ref)?.[1] : undefined;
  if (name !== undefined && byName.has(name))
    return modelRefs(parseSchema(byName.get(name)), byName, depth + 1);
  return Object.fromEntries(
    Object.entries(record).map(([key, item]) => [key, modelRefs(item, byName, depth + 1)]),
  );
}

/**
 * What SAM writes for an `Api` event's `RequestModel` and `RequestParameters` (a validator only when
 * `ValidateBody` or `ValidateParameters` is given, the model for `application/json`), read straight
 * from the event.
 */
export function samEventValidation(
  event: Record<string, unknown>,
  apiModels: Record<string, unknown>,
): RequestValidation | undefined {
  const model = asRecord(event.RequestModel);
  const validateBody = model.ValidateBody;
  const validateParameters = model.ValidateParameters;
  if (validateBody === undefined && validateParameters === undefined) return undefined;
  const body = validateBody === true;
  const parameters = validateParameters === true;
  const required: RequiredParameter[] = [];
  for (const parameter of Array.isArray(event.RequestParameters) ? event.RequestParameters : []) {
    const [key, settings] =
      typeof parameter === 'string' ? [parameter, {}] : (Object.entries(asRecord(parameter))[0] ?? ['', {}]);
    const parsed = /^method\.request\.(querystring|header|path)\.(.+)$/.exec(key);
    if (parsed?.[1] !== undefined && parsed[2] !== undefined && asRecord(settings).Required === true)
      required.push({ where: parsed[1] as RequiredParameter['where'], name: parsed[2] });
  }
  const name = model.Model;
  const schema = typeof name === 'string' ? apiModels[name] : undefined;
  return { body, parameters, required, models: schema === undefined ? {} : { 'application/json': schema } };
}
