import type { FunctionSpec } from './functions';
import type { HttpCors } from './http-api-model';
import { functionOfUri } from './integration-target';
import type { Notice } from './notices';
import { asRecord, stringList } from './property-values';
import type { Template } from './template';

/** A Lambda function URL: the function it invokes, who may call it, its CORS and invoke mode. */
export interface FunctionUrl {
  /** The logical id it is named by: the function's, or the AWS::Lambda::Url's. */
  id: string;
  functionId: string;
  authType: 'NONE' | 'AWS_IAM';
  cors?: HttpCors;
  invokeMode: 'BUFFERED' | 'RESPONSE_STREAM';
}

/** Every function URL: SAM's `FunctionUrlConfig` on a function, and each raw `AWS::Lambda::Url`. */
export function functionUrlsOf(
  template: Template,
  functions: FunctionSpec[],
  notices: Notice[],
): FunctionUrl[] {
  const runnable = new Set(functions.map((fn) => fn.id));
  const urls: FunctionUrl[] = [];
  const add = (id: string, functionId: string | undefined, config: Record<string, unknown>): void => {
    if (functionId === undefined || !runnable.has(functionId)) {
      notices.push({ subject: id, text: 'its function URL is not served: its function does not run here' });
      return;
    }
    const url = functionUrl(id, functionId, config);
    urls.push(url);
  };
  for (const [id, resource] of Object.entries(template.Resources)) {
    if (resource.Type === 'AWS::Serverless::Function' && resource.Properties?.FunctionUrlConfig !== undefined)
      add(id, id, asRecord(resource.Properties.FunctionUrlConfig));
    if (resource.Type === 'AWS::Lambda::Url')
      add(id, functionOfUri(resource.Properties?.TargetFunctionArn, template), resource.Properties ?? {});
  }
  return urls;
}

function functionUrl(id: string, functionId: string, config: Record<string, unknown>): FunctionUrl {
  const cors = config.Cors === undefined ? undefined : asRecord(config.Cors);
  const maxAge = Number(cors?.MaxAge);
  return {
    id,
    functionId,
    authType: config.AuthType === 'AWS_IAM' ? 'AWS_IAM' : 'NONE',
    ...(cors === undefined
      ? {}
      : {
          cors: {
            allowOrigins: stringList(cors.AllowOrigins),
            allowMethods: stringList(cors.AllowMethods),
            allowHeaders: stringList(cors.AllowHeaders),
            exposeHeaders: stringList(cors.ExposeHeaders),
            ...(Number.isInteger(maxAge) ? { maxAge } : {}),
            allowCredentials: cors.AllowCredentials === true,
          },
        }),
    invokeMode: config.InvokeMode === 'RESPONSE_STREAM' ? 'RESPONSE_STREAM' : 'BUFFERED',
  };
}
