import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { BuildProperties } from './build-properties';
import { layerReference, type LayerSpec } from './layers';
import type { Notice } from './notices';
import { asRecord, scalarText } from './property-values';
import type { Template } from './template';

/** How a function's code gets to Lambda, and so how the emulator gets it. */
export type FunctionCode =
  /** `Metadata: BuildMethod: esbuild`: bundled by sam build from its BuildProperties. */
  | { kind: 'esbuild'; properties: BuildProperties }
  /** No build method: sam build copies CodeUri (and installs its dependencies); it runs as it is. */
  | { kind: 'files' }
  /** CodeUri names one file: packaged alone, it is the whole code. */
  | { kind: 'file'; path: string }
  /** `InlineCode`: one CommonJS file, `index.js`. */
  | { kind: 'inline'; source: string };

/** One Node.js `AWS::Serverless::Function`, with its Globals merged in, as the emulator runs it. */
export interface FunctionSpec {
  id: string;
  codeDir: string;
  code: FunctionCode;
  /** As the template gives it: `app.handler`, `src/handlers/items.list`. */
  handler: string;
  runtime: string;
  /** The Node.js major version of `runtime`: 24 for nodejs24.x. */
  nodeMajor: number;
  timeoutSeconds: number;
  memorySizeMb: number;
  /** `ReservedConcurrentExecutions`: invocations beyond it at once are throttled. */
  reservedConcurrency?: number;
  logFormat: 'JSON' | 'Text';
  /** With the JSON log format, the levels Lambda filters logs at (`LoggingConfig`, INFO unless set). */
  logLevels?: { application: string; system: string };
  tracing: boolean;
  environment: Record<string, string>;
  layers: LayerSpec[];
  events: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
}

export interface TemplateFunctions {
  functions: FunctionSpec[];
  notices: Notice[];
}

/** SAM's default CodeUri, as SAM CLI reads a function without one: the template's folder. */
const DEFAULT_CODE_URI = '.';

/** The functions of a resolved template (see resolveTemplate). */
export function templateFunctions(template: Template, templatePath: string): TemplateFunctions {
  const globals = template.Globals?.Function ?? {};
  const templateDir = dirname(resolve(templatePath));
  const functions: FunctionSpec[] = [];
  const notices: Notice[] = [];
  for (const [id, resource] of Object.entries(template.Resources)) {
    if (resource.Type === 'AWS::Lambda::Function') {
      notices.push({
        subject: id,
        text: 'AWS::Lambda::Function is not emulated (AWS::Serverless::Function is)',
      });
      continue;
    }
    if (resource.Type !== 'AWS::Serverless::Function') continue;
    const own = resource.Properties ?? {};
    const properties = withGlobals(globals, own);
    const say = (text: string): void => {
      notices.push({ subject: id, text });
    };
    const reasonNotRun =
      resource.Metadata?.BuildMethod === 'makefile'
        ? 'BuildMethod makefile: its build is not emulated'
        : cannotRun(properties, templateDir);
    if (reasonNotRun !== undefined) {
      say(`not served: ${reasonNotRun}`);
      continue;
    }
    const runtime = properties.Runtime as string;
    const nodeMajor = Number(/^nodejs(\d+)/.exec(runtime)?.[1]);
    const layers: LayerSpec[] = [];
    for (const entry of list(properties.Layers)) {
      const reference = layerReference(entry, template, templateDir);
      if ('layer' in reference) layers.push(reference.layer);
      else say(reference.unavailable);
    }
    // Globals' variables merged with the function's by withGlobals, the function's winning. A value
    // only a stack knows is left out, and named where the template is resolved.
    const environment: Record<string, string> = {};
    const variables = asRecord(asRecord(properties.Environment).Variables);
    for (const [name, value] of Object.entries(variables)) {
      const text = scalarText(value, template.Resources);
      if (text !== undefined) environment[name] = text;
    }
    const codeUri = resolve(
      templateDir,
      typeof properties.CodeUri === 'string' ? properties.CodeUri : DEFAULT_CODE_URI,
    );
    const singleFile = typeof properties.InlineCode !== 'string' && statSync(codeUri).isFile();
    const codeDir = singleFile ? dirname(codeUri) : codeUri;
    const code: FunctionCode =
      typeof properties.InlineCode === 'string'
        ? { kind: 'inline', source: properties.InlineCode }
        : singleFile
          ? { kind: 'file', path: codeUri }
          : resource.Metadata?.BuildMethod === 'esbuild'
            ? {
                kind: 'esbuild',
                properties: withSamSourceMaps(resource.Metadata.BuildProperties ?? {}, environment),
              }
            : { kind: 'files' };
    const logging = asRecord(properties.LoggingConfig);
    const logFormat = logging.LogFormat === 'JSON' ? 'JSON' : 'Text';
    if (logFormat === 'JSON' && logging.SystemLogLevel !== undefined && logging.SystemLogLevel !== 'INFO')
      say(
        `SystemLogLevel ${JSON.stringify(logging.SystemLogLevel)}: Lambda's own START, END and REPORT lines (INFO) are printed here as at INFO, as text`,
      );
    functions.push({
      id,
      codeDir,
      code,
      handler: properties.Handler as string,
      runtime,
      nodeMajor,
      timeoutSeconds: Number(properties.Timeout ?? 3),
      memorySizeMb: Number(properties.MemorySize ?? 128),
      ...(properties.ReservedConcurrentExecutions === undefined
        ? {}
        : { reservedConcurrency: Number(properties.ReservedConcurrentExecutions) }),
      logFormat,
      ...(logFormat === 'JSON'
        ? {
            logLevels: {
              application:
                typeof logging.ApplicationLogLevel === 'string' ? logging.ApplicationLogLevel : 'INFO',
              system: typeof logging.SystemLogLevel === 'string' ? logging.SystemLogLevel : 'INFO',
            },
          }
        : {}),
      tracing: properties.Tracing === 'Active',
      environment,
      layers,
      events: (properties.Events ?? {}) as FunctionSpec['events'],
    });
  }
  return { functions, notices };
}

/**
 * What `sam build` makes of an esbuild function's source maps (SAM CLI's EsbuildBundlerManager):
 * `Sourcemap: true` without `--enable-source-maps` in NODE_OPTIONS appends it there, and
 * NODE_OPTIONS with it and no `Sourcemap` builds a map. Updates `environment` in place.
 */
function withSamSourceMaps(
  properties: BuildProperties,
  environment: Record<string, string>,
): BuildProperties {
  const enabled = (environment.NODE_OPTIONS ?? '').split(/\s+/).includes('--enable-source-maps');
  if (properties.Sourcemap === true && !enabled)
    environment.NODE_OPTIONS = `${environment.NODE_OPTIONS ?? ''} --enable-source-maps`;
  if (properties.Sourcemap === undefined && enabled) return { ...properties, Sourcemap: true };
  return properties;
}

/** Why a function cannot run here, as SAM would refuse it or Lambda would not run it; else undefined. */
function cannotRun(properties: Record<string, unknown>, templateDir: string): string | undefined {
  if (properties.PackageType === 'Image' || properties.ImageUri !== undefined)
    return 'PackageType Image: container image functions are not emulated';
  const runtime = properties.Runtime;
  if (runtime === undefined) return 'it has no Runtime (in its Properties or in Globals.Function)';
  if (typeof runtime !== 'string') return `Runtime ${JSON.stringify(runtime)} cannot be resolved locally`;
  if (!/^nodejs\d+\.x$/.test(runtime)) return `Runtime ${runtime}: only Node.js functions are emulated`;
  const handler = properties.Handler;
  if (handler === undefined) return 'it has no Handler (in its Properties or in Globals.Function)';
  if (typeof handler !== 'string') return `Handler ${JSON.stringify(handler)} cannot be resolved locally`;
  if (typeof properties.InlineCode === 'string') return undefined;
  const codeUri = properties.CodeUri ?? DEFAULT_CODE_URI;
  if (typeof codeUri !== 'string' || codeUri.startsWith('s3://'))
    return 'its CodeUri is in S3: only code in a local folder is emulated';
  const codeDir = resolve(templateDir, codeUri);
  if (!existsSync(codeDir)) return `CodeUri ${codeUri} does not exist (looked for ${codeDir})`;
  if (!statSync(codeDir).isDirectory() && /\.(zip|jar)$/i.test(codeUri))
    return `CodeUri ${codeUri} is an archive: unzip it into a folder and name that folder`;
  return undefined;
}

/**
 * A resource's properties with Globals merged in as SAM merges them: the resource's own value wins
 * for a primitive, maps are merged key by key (so `LoggingConfig.LogGroup` keeps the global
 * `LogFormat`), and lists are the global items followed by the resource's.
 */
export function withGlobals(
  globals: Record<string, unknown>,
  own: Record<string, unknown>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...globals };
  for (const [key, value] of Object.entries(own)) {
    const global = globals[key];
    const isMap = (item: unknown): item is Record<string, unknown> =>
      typeof item === 'object' &&
      item !== null &&
      !Array.isArray(item) &&
      !Object.keys(item).some((k) => k === 'Ref' || k.startsWith('Fn::'));
    if (Array.isArray(global) && Array.isArray(value))
      merged[key] = [...(global as unknown[]), ...(value as unknown[])];
    else if (isMap(global) && isMap(value)) merged[key] = withGlobals(global, value);
    else merged[key] = value;
  }
  return merged;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}
