import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { templateFunctions } from '../../../emulator/template/functions';
import { loadTemplate } from '../../../emulator/template/load-template';
import { tempDir } from '../../support/temp-dirs';

/**
 * The functions and notices of a template written in `dir`, with its folder `code/`, resolved as the
 * emulator resolves it.
 */
function read(yaml: string) {
  const dir = tempDir('functions-template');
  mkdirSync(join(dir, 'code'));
  const path = join(dir, 'template.yaml');
  writeFileSync(path, yaml);
  const loaded = loadTemplate(path);
  const { functions, notices } = templateFunctions(loaded.template, path);
  return { dir, functions, notices: [...loaded.notices, ...notices] };
}

describe('the functions of a template, as SAM reads them', () => {
  it('takes Handler and Runtime from Globals, and CodeUri as the template folder when there is none', () => {
    const { dir, functions, notices } = read(`
Globals:
  Function: { Runtime: nodejs22.x, Handler: index.handler }
Resources:
  Fn: { Type: AWS::Serverless::Function }
`);
    expect(notices).toEqual([]);
    expect(functions).toMatchObject([
      {
        id: 'Fn',
        codeDir: dir,
        handler: 'index.handler',
        runtime: 'nodejs22.x',
        nodeMajor: 22,
        code: { kind: 'files' },
      },
    ]);
  });

  it('names, and does not run, a function whose CodeUri does not exist or that has no Handler', () => {
    const { functions, notices } = read(`
Resources:
  Missing: { Type: AWS::Serverless::Function, Properties: { Runtime: nodejs22.x, Handler: a.b, CodeUri: nowhere/ } }
  NoHandler: { Type: AWS::Serverless::Function, Properties: { Runtime: nodejs22.x, CodeUri: code/ } }
  NoRuntime: { Type: AWS::Serverless::Function, Properties: { Handler: a.b, CodeUri: code/ } }
  InS3: { Type: AWS::Serverless::Function, Properties: { Runtime: nodejs22.x, Handler: a.b, CodeUri: { Bucket: b, Key: k } } }
`);
    expect(functions).toEqual([]);
    expect(notices).toEqual([
      {
        subject: 'Missing',
        text: expect.stringMatching(
          /^not served: CodeUri nowhere\/ does not exist \(looked for .*nowhere\)$/,
        ),
      },
      {
        subject: 'NoHandler',
        text: 'not served: it has no Handler (in its Properties or in Globals.Function)',
      },
      {
        subject: 'NoRuntime',
        text: 'not served: it has no Runtime (in its Properties or in Globals.Function)',
      },
      { subject: 'InS3', text: 'not served: its CodeUri is in S3: only code in a local folder is emulated' },
    ]);
  });

  it('names a parameter without a Default that a variable needs, instead of guessing its value', () => {
    const { functions, notices } = read(`
Parameters:
  Stage: { Type: String }
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: a.b
      CodeUri: code/
      Environment: { Variables: { STAGE: !Ref Stage, KEPT: plain } }
`);
    expect(functions[0]?.environment).toEqual({ KEPT: 'plain' });
    expect(notices).toEqual([
      {
        subject: 'Fn',
        text: 'Environment.Variables.STAGE: !Ref Stage cannot be resolved locally (parameter Stage has no Default: give it with --parameter-overrides Stage=...)',
      },
    ]);
  });

  it('gives a function the layers of Globals and its own, in that order', () => {
    const { dir, functions } = read(`
Globals:
  Function: { Layers: [!Ref SharedLayer] }
Resources:
  SharedLayer: { Type: AWS::Serverless::LayerVersion, Properties: { ContentUri: code/ } }
  OwnLayer:
    Type: AWS::Serverless::LayerVersion
    Properties: { ContentUri: code/ }
    Metadata: { BuildMethod: nodejs22.x }
  Fn:
    Type: AWS::Serverless::Function
    Properties: { Runtime: nodejs22.x, Handler: a.b, CodeUri: code/, Layers: [!Ref OwnLayer] }
`);
    const layers = functions[0]?.layers ?? [];
    expect(layers.map((layer) => layer.id)).toEqual(['SharedLayer', 'OwnLayer']);
    expect(layers.map((layer) => layer.nodeModulesDirs(22))).toEqual([
      [join(dir, 'code', 'nodejs', 'node22', 'node_modules'), join(dir, 'code', 'nodejs', 'node_modules')],
      [join(dir, 'code', 'node_modules')],
    ]);
  });
});
