import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

interface Resource {
  Type: string;
  Properties?: Record<string, unknown>;
}

const ROOT = join(__dirname, '..', '..');

/** The stack CloudFormation gets from SAM's transform, or why it cannot be made here. */
function translated(): Record<string, Resource> | string {
  const run = spawnSync(
    'python3',
    [join(ROOT, 'scripts', 'translate-template.py'), join(ROOT, 'template.yaml')],
    {
      encoding: 'utf8',
    },
  );
  if (run.error !== undefined || run.status !== 0) {
    const why = run.error?.message ?? run.stderr.trim().split('\n').at(-1) ?? '';
    return `aws-sam-translator is not available (pip install cfn-lint brings it): ${why}`;
  }
  return (JSON.parse(run.stdout) as { Resources: Record<string, Resource> }).Resources;
}

const stack = translated();
const ofType = (type: string): [string, Resource][] =>
  typeof stack === 'string' ? [] : Object.entries(stack).filter(([, resource]) => resource.Type === type);
// CI installs cfn-lint, and so the translator: there it must run; elsewhere it may be missing.
const describeStack = typeof stack === 'string' && process.env.CI === undefined ? describe.skip : describe;
if (typeof stack === 'string' && process.env.CI === undefined)
  console.log(`translated-stack tests skipped: ${stack}`);

describeStack('the stack SAM makes of template.yaml', () => {
  it('can be made', () => {
    expect(typeof stack).toBe('object');
  });

  it('has exactly the Prod stage of each API, each throttled', () => {
    const restStages = ofType('AWS::ApiGateway::Stage');
    expect(restStages.map(([, stage]) => stage.Properties?.StageName)).toEqual(['Prod']);
    expect(restStages[0]?.[1].Properties?.MethodSettings).toEqual([
      { HttpMethod: '*', ResourcePath: '/*', ThrottlingBurstLimit: 50, ThrottlingRateLimit: 100 },
    ]);
    // A Deployment with a StageName would make a second, unthrottled stage.
    for (const [, deployment] of ofType('AWS::ApiGateway::Deployment'))
      expect(deployment.Properties?.StageName).toBeUndefined();
    const webSocketStages = ofType('AWS::ApiGatewayV2::Stage');
    expect(webSocketStages.map(([, stage]) => stage.Properties?.StageName)).toEqual(['Prod']);
    expect(webSocketStages[0]?.[1].Properties?.DefaultRouteSettings).toEqual({
      ThrottlingRateLimit: 100,
      ThrottlingBurstLimit: 50,
    });
  });

  it('states the method of every Lambda integration', () => {
    const integrations = ofType('AWS::ApiGatewayV2::Integration');
    expect(integrations.length).toBeGreaterThan(0);
    for (const [, integration] of integrations)
      expect(integration.Properties?.IntegrationMethod).toBe('POST');
  });

  it("enables source maps where the map is this project's code only", () => {
    const environment = (id: string): Record<string, string> | undefined => {
      const resources = typeof stack === 'string' ? {} : stack;
      return (resources[id]?.Properties?.Environment as { Variables?: Record<string, string> } | undefined)
        ?.Variables;
    };
    expect(environment('HelloWorldFunction')?.NODE_OPTIONS).toBe('--enable-source-maps');
    expect(environment('WebSocketFunction')?.NODE_OPTIONS).toBeUndefined();
  });

  it("sends every function's logs to a declared log group whose retention is the LogRetentionDays parameter", () => {
    const functions = ofType('AWS::Lambda::Function');
    expect(functions.length).toBe(2);
    const groups = new Map(ofType('AWS::Logs::LogGroup'));
    for (const [, fn] of functions) {
      const logging = fn.Properties?.LoggingConfig as
        { LogGroup?: { Ref?: string }; LogFormat?: string } | undefined;
      expect(logging?.LogFormat).toBe('JSON');
      const group = groups.get(logging?.LogGroup?.Ref ?? '');
      expect(group?.Properties?.RetentionInDays).toEqual({ Ref: 'LogRetentionDays' });
    }
  });
});
