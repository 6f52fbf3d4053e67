import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describeIntrinsic } from './intrinsics';
import type { Template } from './template';

/** A layer the emulator can give a function: where its Node.js packages are on this machine. */
export interface LayerSpec {
  id: string;
  /**
   * The folders Lambda would put on the module path from this layer's `/opt/nodejs/...`, most
   * specific first: `nodejs/node<major>/node_modules`, then `nodejs/node_modules`.
   */
  nodeModulesDirs: (nodeMajor: number) => string[];
}

export type LayerReference = { layer: LayerSpec } | { unavailable: string };

const LAYER_TYPES = new Set(['AWS::Serverless::LayerVersion', 'AWS::Lambda::LayerVersion']);

/**
 * One entry of a function's `Layers`, as this machine can provide it: a LayerVersion of the
 * template with local content, or the reason it cannot (an ARN names a layer that lives in AWS).
 */
export function layerReference(entry: unknown, template: Template, templateDir: string): LayerReference {
  const ref = (entry as { Ref?: unknown } | null)?.Ref;
  const resource = typeof ref === 'string' ? template.Resources[ref] : undefined;
  if (typeof ref === 'string' && resource !== undefined && LAYER_TYPES.has(resource.Type)) {
    return localLayer(ref, resource.Properties ?? {}, resource.Metadata?.BuildMethod, templateDir);
  }
  if (typeof entry === 'string' && entry.startsWith('arn:')) {
    return { unavailable: `layer ${entry} is in AWS, not on this machine: its modules are missing locally` };
  }
  return { unavailable: `layer ${describeIntrinsic(entry)} cannot be resolved locally` };
}

function localLayer(
  id: string,
  properties: Record<string, unknown>,
  buildMethod: string | undefined,
  templateDir: string,
): LayerReference {
  const content = properties.ContentUri ?? properties.Content;
  if (typeof content !== 'string' || content.startsWith('s3://')) {
    return { unavailable: `layer ${id}: its content is in S3, not in a local folder` };
  }
  const dir = resolve(templateDir, content);
  if (!existsSync(dir)) return { unavailable: `layer ${id}: ContentUri ${content} does not exist` };
  if (buildMethod === 'makefile') {
    return { unavailable: `layer ${id}: BuildMethod makefile is not emulated` };
  }
  // A nodejs BuildMethod makes sam build install the folder's package.json into nodejs/node_modules
  // and copy its files into nodejs/; without one, the folder already holds nodejs/node_modules.
  const built = buildMethod?.startsWith('nodejs') === true;
  return {
    layer: {
      id,
      nodeModulesDirs: (major) =>
        built
          ? [resolve(dir, 'node_modules')]
          : [resolve(dir, 'nodejs', `node${major}`, 'node_modules'), resolve(dir, 'nodejs', 'node_modules')],
    },
  };
}
