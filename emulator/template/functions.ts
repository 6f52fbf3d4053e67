import { dirname, resolve } from 'node:path';
import type { BuildProperties } from './build-properties';
import { resolveValue } from './intrinsics';
import { TemplateError, type Template } from './template';

/** One `AWS::Serverless::Function`, with its Globals merged in, as the emulator needs it. */
export interface FunctionSpec {
  id: string;
  codeDir: string;
  /** The bundle file name esbuild writes for the handler's module, e.g. `app.js`. */
  bundleFile: string;
  handlerExport: string;
  runtime: string;
  timeoutSeconds: number;
  memorySizeMb: number;
  logFormat: 'JSON' | 'Text';
  environment: Record<string, string>;
  build: BuildProperties;
  events: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
}

export function templateFunctions(
  template: Template,
  templatePath: string,
  parameterOverrides: Record<string, string> = {},
): FunctionSpec[] {
  const globals = template.Globals?.Function ?? {};
  const templateDir = dirname(resolve(templatePath));
  return Object.entries(template.Resources)
    .filter(([, resource]) => resource.Type === 'AWS::Serverless::Function')
    .map(([id, resource]) => {
      const properties = { ...globals, ...resource.Properties };
      const handler = properties.Handler;
      if (typeof handler !== 'string' || !handler.includes('.')) {
        throw new TemplateError(
          `${id}: Handler must look like "file.export", got ${JSON.stringify(handler)}`,
        );
      }
      const dot = handler.lastIndexOf('.');
      const variables = (value: unknown): Record<string, string> =>
        stringValues(
          resolveValue(
            (value as { Variables?: unknown } | undefined)?.Variables,
            template,
            parameterOverrides,
          ),
        );
      return {
        id,
        codeDir: resolve(templateDir, typeof properties.CodeUri === 'string' ? properties.CodeUri : '.'),
        bundleFile: `${handler.slice(0, dot)}.js`,
        handlerExport: handler.slice(dot + 1),
        runtime: typeof properties.Runtime === 'string' ? properties.Runtime : 'nodejs24.x',
        timeoutSeconds: Number(properties.Timeout ?? 3),
        memorySizeMb: Number(properties.MemorySize ?? 128),
        logFormat:
          (properties.LoggingConfig as { LogFormat?: string } | undefined)?.LogFormat === 'JSON'
            ? 'JSON'
            : 'Text',
        environment: {
          ...variables(globals.Environment),
          ...variables(resource.Properties?.Environment),
        },
        build: resource.Metadata?.BuildProperties ?? {},
        events: (properties.Events ?? {}) as FunctionSpec['events'],
      };
    });
}

function stringValues(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  const result: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item !== undefined && item !== null && typeof item !== 'object') result[key] = String(item);
  }
  return result;
}
