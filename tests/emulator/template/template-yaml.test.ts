import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Notice } from '../../../emulator/template/notices';
import { parseParameterOverrides } from '../../../emulator/template/parameter-overrides';
import { parseTemplate, TemplateError } from '../../../emulator/template/template';
import { spreadOptionValues } from '../../../emulator/shared/option-values';
import { tempDir } from '../../support/temp-dirs';

/** What PyYAML (SAM CLI's reader) makes of a text, where Python has it; else undefined. */
function pyYaml(text: string): unknown {
  try {
    const json = execFileSync(
      'python3',
      ['-c', 'import sys, json, yaml; print(json.dumps(yaml.safe_load(sys.stdin)))'],
      {
        input: text,
        encoding: 'utf8',
        stdio: ['pipe', 'pipe', 'ignore'],
      },
    );
    return JSON.parse(json) as unknown;
  } catch {
    return undefined;
  }
}

describe('templates read as PyYAML reads them', () => {
  const multiLine = `Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Description: "Greets by name,
      in the stage's \\"own\\" words"
      Handler: 'it''s
    a.handler'
      Tags: { Note: "a [b]
    c" }
`;

  it('reads quoted scalars whose continuation lines are not indented past their key', () => {
    const properties = parseTemplate(multiLine).Resources.Fn?.Properties;
    expect(properties).toEqual({
      Description: 'Greets by name, in the stage\'s "own" words',
      Handler: "it's a.handler",
      Tags: { Note: 'a [b] c' },
    });
    const python = pyYaml(multiLine);
    if (python !== undefined)
      expect((python as { Resources: unknown }).Resources).toEqual(parseTemplate(multiLine).Resources);
  });

  it('reads flow collections whose lines are not indented past their key', () => {
    const text = `Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      Policy: [{
        "Effect": "Allow", # a comment [with brackets]
        "Resource": [
      !Sub "arn:\${AWS::Partition}:execute-api:*"
        ]
      }]
      Schema: {"type": "object",
      "title": "}{"}
`;
    expect(parseTemplate(text).Resources.Api?.Properties).toEqual({
      Policy: [{ Effect: 'Allow', Resource: [{ 'Fn::Sub': 'arn:${AWS::Partition}:execute-api:*' }] }],
      Schema: { type: 'object', title: '}{' },
    });
    const untagged = text.replace('!Sub ', '');
    const python = pyYaml(untagged);
    if (python !== undefined) expect(python).toEqual(parseTemplate(untagged));
  });

  it('ends the last block scalar of a file without a final line break as PyYAML does', () => {
    const text =
      'Resources:\n  P:\n    Type: AWS::SSM::Parameter\n    Properties:\n      Value: |\n        {\n        }';
    expect(parseTemplate(text).Resources.P?.Properties).toEqual({ Value: '{\n}' });
    expect(parseTemplate(`${text}\n`).Resources.P?.Properties).toEqual({ Value: '{\n}\n' });
  });

  it('takes the last of a duplicate key, and warns once with file:line:column', () => {
    const warnings: Notice[] = [];
    const template = parseTemplate(
      'Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties: { Timeout: 3 }\n    Properties: { Timeout: 9 }\n',
      'app.yaml',
      (warning) => warnings.push(warning),
    );
    expect(template.Resources.Fn?.Properties).toEqual({ Timeout: 9 });
    expect(warnings).toEqual([
      {
        subject: 'app.yaml:5:5',
        text: 'duplicate key Properties: the last one is used, as SAM CLI reads it (cfn-lint reports it as E0000)',
      },
    ]);
  });

  it('still refuses what PyYAML refuses, with file:line:column', () => {
    expect(() => parseTemplate('Resources:\n  Fn: "never closed\n', 'app.yaml')).toThrow(
      new TemplateError('app.yaml:2:7 is not valid YAML: Missing closing "quote'),
    );
    expect(() => parseTemplate('Resources:\n  - a\n  b: c\n', 'app.yaml')).toThrow(
      /^app\.yaml:3:\d+ is not valid YAML/,
    );
  });
});

describe('--parameter-overrides, as SAM CLI takes it', () => {
  const known = ['Stage', 'Origin', 'Name'];

  it('takes Key=Value pairs in one string or several, quoted values, and the ParameterKey form', () => {
    expect(parseParameterOverrides(['Stage=prod Origin="https://a b"', "Name='x y'"], known)).toEqual({
      Stage: 'prod',
      Origin: 'https://a b',
      Name: 'x y',
    });
    expect(
      parseParameterOverrides(
        ['ParameterKey=Stage,ParameterValue=prod ParameterKey=Name,ParameterValue=n'],
        known,
      ),
    ).toEqual({ Stage: 'prod', Name: 'n' });
  });

  it('takes a file:// of a map or of CloudFormation parameter objects', () => {
    const dir = tempDir('overrides');
    writeFileSync(join(dir, 'map.yaml'), 'Stage: prod\nName: 7\n');
    writeFileSync(
      join(dir, 'list.json'),
      JSON.stringify([{ ParameterKey: 'Origin', ParameterValue: 'https://x' }]),
    );
    expect(
      parseParameterOverrides([`file://${join(dir, 'map.yaml')}`, `file://${join(dir, 'list.json')}`], known),
    ).toEqual({
      Stage: 'prod',
      Name: '7',
      Origin: 'https://x',
    });
  });

  it('refuses an unknown key and a token that is not Key=Value', () => {
    expect(() => parseParameterOverrides(['Nope=1'], known)).toThrow(
      '--parameter-overrides: the template has no parameter Nope (it has Stage, Origin, Name)',
    );
    expect(() => parseParameterOverrides(['Stage'], known)).toThrow(
      '--parameter-overrides: "Stage" is not Key=Value',
    );
  });

  it('gives every value that follows the option to it on the command line, and leaves the rest', () => {
    expect(
      spreadOptionValues(
        ['Fn', '--parameter-overrides', 'A=1', 'B=2', 'file://p.json', 'event.json', '--port', '0'],
        '--parameter-overrides',
      ),
    ).toEqual([
      'Fn',
      '--parameter-overrides',
      'A=1',
      '--parameter-overrides',
      'B=2',
      '--parameter-overrides',
      'file://p.json',
      'event.json',
      '--port',
      '0',
    ]);
  });
});
