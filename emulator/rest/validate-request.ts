import Ajv from 'ajv-draft-04';
import type { ValidateFunction } from 'ajv';
import { findHeader } from '../formats/parameter-maps';
import type { HttpReply } from '../gateway/http-reply';
import type { RequestValidation } from '../template/rest-integration-model';
import type { RestApi } from '../template/rest-api-model';
import { gatewayResponse } from './gateway-responses';
import type { MethodRequest } from './method-request';

// API Gateway models are JSON Schema draft 4, which current validators dropped; ajv-draft-04 is ajv
// with draft 4's meta-schema. Unknown keywords (`title`, `example`) are allowed, as the service allows them.
const ajv = new Ajv({ strict: false, allErrors: false });
const compiled = new WeakMap<object, ValidateFunction>();

/**
 * The method request validator ("Request validation for REST APIs"): required parameters first, then
 * the body against the model of its content type (or `$default`). Undefined when the request passes.
 */
export function validateRequest(
  validation: RequestValidation,
  request: MethodRequest,
  api: RestApi,
  requestId: string,
): HttpReply | undefined {
  if (validation.parameters) {
    const missing = validation.required.filter(({ where, name }) => isMissing(request, where, name));
    if (missing.length > 0) {
      const message = `Missing required request parameters: [${missing.map(({ name }) => name).join(', ')}]`;
      return gatewayResponse(
        api,
        {
          type: 'BAD_REQUEST_PARAMETERS',
          statusCode: 400,
          message,
          errorType: 'BadRequestException',
          fault: message,
        },
        requestId,
      );
    }
  }
  if (!validation.body) return undefined;
  const schema = validation.models[request.contentType] ?? validation.models.$default;
  if (schema === undefined) return undefined;
  const problem = bodyProblem(schema, request.body);
  if (problem === undefined) return undefined;
  return gatewayResponse(
    api,
    {
      type: 'BAD_REQUEST_BODY',
      statusCode: 400,
      message: 'Invalid request body',
      errorType: 'BadRequestException',
      fault: `the body does not match the model: ${problem}`,
    },
    requestId,
  );
}

function isMissing(request: MethodRequest, where: 'path' | 'querystring' | 'header', name: string): boolean {
  const { event } = request;
  const value =
    where === 'header'
      ? findHeader(event.headers, name.toLowerCase())
      : where === 'querystring'
        ? event.queryStringParameters?.[name]
        : event.pathParameters?.[name];
  return value === undefined || value === '';
}

/** Why the body fails its model, or undefined when it conforms. */
function bodyProblem(schema: unknown, body: Buffer): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return 'it is not JSON';
  }
  const validate = validatorOf(schema);
  if (validate(value)) return undefined;
  return ajv.errorsText(validate.errors);
}

function validatorOf(schema: unknown): ValidateFunction {
  if (typeof schema !== 'object' || schema === null) return ajv.compile({});
  const known = compiled.get(schema);
  if (known !== undefined) return known;
  const validate = ajv.compile(schema);
  compiled.set(schema, validate);
  return validate;
}
