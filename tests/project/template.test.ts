import { join } from 'node:path';
import { templateFunctions } from '../../emulator/template/functions';
import { readTemplate, type Resource } from '../../emulator/template/template';

const template = readTemplate(join(__dirname, '..', '..', 'template.yaml'));
const resource = (id: string): Resource => {
  const found = template.Resources[id];
  if (found === undefined) throw new Error(`template.yaml has no ${id}`);
  return found;
};

describe('template.yaml', () => {
  const fn = resource('HelloWorldFunction');

  it('is a SAM template with the greeting function on the implicit API', () => {
    expect(fn.Type).toBe('AWS::Serverless::Function');
    expect(fn.Properties).toMatchObject({ CodeUri: 'hello-world/', Handler: 'app.lambdaHandler' });
    expect(fn.Properties?.Events).toEqual({
      HelloWorld: { Type: 'Api', Properties: { Path: '/helloworld', Method: 'ANY' } },
    });
  });

  it('runs a current Node.js runtime on arm64 with tracing, JSON logs and a short timeout', () => {
    expect(template.Globals?.Function).toMatchObject({
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Timeout: 3,
      Tracing: 'Active',
      LoggingConfig: { LogFormat: 'JSON' },
      Environment: { Variables: { ALLOWED_ORIGIN: { Ref: 'AllowedOrigin' } } },
    });
  });

  it('is built by esbuild with explicit properties matching the runtime', () => {
    expect(fn.Metadata).toEqual({
      BuildMethod: 'esbuild',
      BuildProperties: {
        Minify: true,
        Target: 'node24',
        Sourcemap: true,
        UseNpmCi: true,
        EntryPoints: ['app.ts'],
      },
    });
  });

  it('throttles the stage and answers CORS preflight from the AllowedOrigin parameter', () => {
    expect(template.Parameters?.AllowedOrigin?.Default).toBe('*');
    expect(template.Globals?.Api).toMatchObject({
      Cors: { AllowOrigin: { 'Fn::Sub': "'${AllowedOrigin}'" } },
      MethodSettings: [
        { ResourcePath: '/*', HttpMethod: '*', ThrottlingRateLimit: 100, ThrottlingBurstLimit: 50 },
      ],
    });
  });

  it('outputs the full Prod URL of /helloworld and the function ARN', () => {
    expect(template.Outputs?.HelloWorldApi?.Value).toEqual({
      'Fn::Sub': 'https://${ServerlessRestApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/Prod/helloworld',
    });
    expect(template.Outputs?.HelloWorldFunction?.Value).toEqual({
      'Fn::GetAtt': ['HelloWorldFunction', 'Arn'],
    });
  });

  it("after sam build, runs source maps where the map is only this project's code", () => {
    // The functions as the emulator models sam build's output: SAM CLI's esbuild step adds
    // --enable-source-maps to NODE_OPTIONS whenever BuildProperties has Sourcemap: true.
    const built = templateFunctions(template, join(__dirname, '..', '..', 'template.yaml')).functions;
    const of = (id: string) => built.find((fn) => fn.id === id);
    expect(of('HelloWorldFunction')?.environment.NODE_OPTIONS).toBe('--enable-source-maps');
    expect(of('HelloWorldFunction')?.code).toMatchObject({
      kind: 'esbuild',
      properties: { Sourcemap: true },
    });
    expect(of('WebSocketFunction')?.environment.NODE_OPTIONS).toBeUndefined();
    expect(of('WebSocketFunction')?.code).toMatchObject({
      kind: 'esbuild',
      properties: { Sourcemap: false },
    });
  });

  it("keeps Lambda's START and REPORT lines: the system log level is INFO, the documented level of both", () => {
    expect(template.Globals?.Function).toMatchObject({
      LoggingConfig: { LogFormat: 'JSON', ApplicationLogLevel: 'INFO', SystemLogLevel: 'INFO' },
    });
  });
});
