import { join } from 'node:path';
import {
  ofType as resourcesOfType,
  ruleViolations,
  translated,
  type Resource,
  type Resources,
} from './stack-rules';

const stack = translated(join(__dirname, '..', '..', 'template.yaml'));
const ofType = (type: string): [string, Resource][] =>
  typeof stack === 'string' ? [] : resourcesOfType(stack, type);
const resources = (): Resources => (typeof stack === 'string' ? {} : stack);
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

  it("keeps the project's rules: logs that expire, access logs, alarms, gateway errors with CORS", () => {
    expect(ruleViolations(resources())).toEqual([]);
    expect(ofType('AWS::Lambda::Function')).toHaveLength(2);
    expect(
      ofType('AWS::CloudWatch::Alarm')
        .map(([id]) => id)
        .sort(),
    ).toEqual([
      'HelloWorldErrorsAlarm',
      'HelloWorldThrottlesAlarm',
      'RestApi5XXAlarm',
      'RestApiLatencyAlarm',
      'WebSocketErrorsAlarm',
      'WebSocketIntegrationErrorAlarm',
      'WebSocketThrottlesAlarm',
    ]);
    expect(resources().RestApiLatencyAlarm?.Properties).toMatchObject({
      ExtendedStatistic: 'p99',
      Threshold: 1000,
    });
  });

  it('names what breaks the rules (a function without its log group and alarms, a stage without access logs)', () => {
    const broken: Resources = structuredClone(resources());
    delete broken.HelloWorldErrorsAlarm;
    delete broken.WebSocketAccessLogGroup;
    const fn = broken.HelloWorldFunction?.Properties;
    if (fn !== undefined) fn.LoggingConfig = { LogFormat: 'JSON' };
    expect(ruleViolations(broken)).toEqual([
      'HelloWorldFunction logs to no declared log group with RetentionInDays: !Ref LogRetentionDays',
      'HelloWorldFunction has no Errors alarm',
      'WebSocketStage has no access logs in a log group with RetentionInDays: !Ref LogRetentionDays',
    ]);
  });

  it("sets API Gateway's account logging role only when asked, keeps it on deletion, and stages wait for it", () => {
    const account = resources().ApiGatewayAccount;
    expect(account).toMatchObject({
      Condition: 'SetsLoggingRole',
      DeletionPolicy: 'Retain',
      DependsOn: 'ServerlessRestApi',
    });
    expect(resources().ApiGatewayLoggingRole).toMatchObject({
      Condition: 'SetsLoggingRole',
      DeletionPolicy: 'Retain',
    });
    for (const group of ['RestAccessLogGroup', 'WebSocketAccessLogGroup'])
      expect(resources()[group]?.Properties?.Tags).toEqual([
        {
          Key: 'api-gateway-logging-role',
          Value: { 'Fn::If': ['SetsLoggingRole', { Ref: 'ApiGatewayAccount' }, 'account default'] },
        },
      ]);
  });

  it('subscribes AlarmEmail to the alarm topic only when one is given', () => {
    expect(resources().AlarmEmailSubscription).toMatchObject({
      Condition: 'HasAlarmEmail',
      Properties: { Protocol: 'email', Endpoint: { Ref: 'AlarmEmail' }, TopicArn: { Ref: 'AlarmTopic' } },
    });
  });
});
