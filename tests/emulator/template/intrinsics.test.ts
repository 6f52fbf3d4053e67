import { Intrinsics, NO_VALUE, Unresolvable } from '../../../emulator/template/intrinsics';
import { parseTemplate } from '../../../emulator/template/template';

const template = parseTemplate(`
Parameters:
  Stage: { Type: String, Default: dev }
  Origin: { Type: String }
  Port: { Type: Number, Default: 8080 }
  Subnets: { Type: CommaDelimitedList, Default: "a, b,c" }
  Secret: { Type: 'AWS::SSM::Parameter::Value<String>', Default: /app/secret }
Mappings:
  Stages:
    dev: { Memory: 256, Domain: dev.example.com }
    prod: { Memory: 1024 }
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
  IsDev: !Not [!Condition IsProd]
  PortIsDefault: !Equals [!Ref Port, '8080']
  DevOnDefaultPort: !And [!Condition IsDev, !Condition PortIsDefault]
  ProdOrDefaultPort: !Or [!Condition IsProd, !Condition PortIsDefault]
  Loop: !Not [!Condition Loop]
Resources:
  Table: { Type: AWS::DynamoDB::Table }
  Fn: { Type: AWS::Serverless::Function, Properties: { AutoPublishAlias: live } }
  Named: { Type: AWS::Serverless::Function, Properties: { FunctionName: !Sub 'greet-\${Stage}' } }
  Aliased: { Type: AWS::Serverless::Function, Properties: { AutoPublishAlias: !Ref Stage } }
`);

const evaluate = (value: unknown, overrides: Record<string, string> = {}): unknown =>
  new Intrinsics(template, overrides).evaluate(value);

/** The reason an expression cannot be resolved, or a failure when it can. */
const reason = (value: unknown, overrides: Record<string, string> = {}): string => {
  try {
    evaluate(value, overrides);
  } catch (error) {
    if (error instanceof Unresolvable) return error.reason;
    throw error;
  }
  throw new Error(`resolved: ${JSON.stringify(evaluate(value, overrides))}`);
};

describe('Ref', () => {
  it("gives a parameter's override, else its Default; a list type as a list", () => {
    expect(evaluate({ Ref: 'Stage' })).toBe('dev');
    expect(evaluate({ Ref: 'Stage' }, { Stage: 'prod' })).toBe('prod');
    expect(evaluate({ Ref: 'Port' })).toBe('8080');
    expect(evaluate({ Ref: 'Subnets' })).toEqual(['a', 'b', 'c']);
  });

  it('cannot resolve a parameter without a Default, or an SSM parameter, unless it is overridden', () => {
    expect(reason({ Ref: 'Origin' })).toBe(
      'parameter Origin has no Default: give it with --parameter-overrides Origin=...',
    );
    expect(evaluate({ Ref: 'Origin' }, { Origin: 'https://x' })).toBe('https://x');
    expect(reason({ Ref: 'Secret' })).toMatch(/^parameter Secret is read from SSM in a deployed stack/);
    expect(evaluate({ Ref: 'Secret' }, { Secret: 's3cr3t' })).toBe('s3cr3t');
  });

  it("gives the local account's pseudo parameters, and AWS::NoValue as the removal marker", () => {
    expect(evaluate({ Ref: 'AWS::Region' })).toBe('us-east-1');
    expect(evaluate({ Ref: 'AWS::AccountId' })).toBe('123456789012');
    expect(evaluate({ Ref: 'AWS::Partition' })).toBe('aws');
    expect(evaluate({ Ref: 'AWS::StackName' })).toBe('local');
    expect(evaluate({ Ref: 'AWS::NoValue' })).toBe(NO_VALUE);
    expect(reason({ Ref: 'AWS::NotificationARNs' })).toBe('its value exists only in a deployed stack');
  });

  it("gives a resource's logical id, and a function alias's ARN for SAM's Fn.Alias", () => {
    expect(evaluate({ Ref: 'Table' })).toBe('Table');
    expect(evaluate({ Ref: 'Fn.Alias' })).toBe('arn:aws:lambda:us-east-1:123456789012:function:Fn:live');
    expect(evaluate({ 'Fn::Sub': '${Aliased.Alias}' })).toBe(
      'arn:aws:lambda:us-east-1:123456789012:function:Aliased:dev',
    );
    expect(reason({ Ref: 'Nothing' })).toBe('the template has no parameter or resource Nothing');
  });
});

describe('Fn::GetAtt', () => {
  it("gives a function's ARN in the local account, by its FunctionName when it has one", () => {
    expect(evaluate({ 'Fn::GetAtt': ['Fn', 'Arn'] })).toBe(
      'arn:aws:lambda:us-east-1:123456789012:function:Fn',
    );
    expect(evaluate({ 'Fn::GetAtt': 'Named.Arn' })).toBe(
      'arn:aws:lambda:us-east-1:123456789012:function:greet-dev',
    );
  });

  it('never makes up an attribute only a stack knows', () => {
    expect(reason({ 'Fn::GetAtt': ['Table', 'Arn'] })).toBe('its value exists only in a deployed stack');
    expect(reason({ 'Fn::GetAtt': ['Missing', 'Arn'] })).toBe('the template has no resource Missing');
  });
});

describe('Fn::Sub', () => {
  it('substitutes parameters, pseudo parameters, resources, attributes and its own variables', () => {
    expect(evaluate({ 'Fn::Sub': 'api-${Stage}-${AWS::Region}' })).toBe('api-dev-us-east-1');
    expect(evaluate({ 'Fn::Sub': ['${Greeting}, ${Stage}', { Greeting: { Ref: 'Table' } }] })).toBe(
      'Table, dev',
    );
    expect(
      evaluate({
        'Fn::Sub': 'arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations',
      }),
    ).toBe(
      'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:Fn/invocations',
    );
  });

  it('keeps ${!Literal} as ${Literal}, and cannot resolve an unknown attribute', () => {
    expect(evaluate({ 'Fn::Sub': '${!stageVariables.name}-${Stage}' })).toBe('${stageVariables.name}-dev');
    expect(reason({ 'Fn::Sub': 'arn=${Table.Arn}' })).toBe('its value exists only in a deployed stack');
  });
});

describe('Fn::Join, Fn::Select, Fn::Split', () => {
  it('joins a list, with nested intrinsics and a list parameter', () => {
    expect(evaluate({ 'Fn::Join': ['', ['https://', { Ref: 'Stage' }, '.example.com']] })).toBe(
      'https://dev.example.com',
    );
    expect(evaluate({ 'Fn::Join': ['|', { Ref: 'Subnets' }] })).toBe('a|b|c');
  });

  it('selects by index (a number or a numeric string), and refuses an index outside the list', () => {
    expect(evaluate({ 'Fn::Select': [1, ['x', 'y']] })).toBe('y');
    expect(evaluate({ 'Fn::Select': ['0', { 'Fn::Split': [',', 'p,q'] }] })).toBe('p');
    expect(reason({ 'Fn::Select': [2, ['x', 'y']] })).toBe('index 2 is outside the list');
  });

  it('splits a string, including one from another intrinsic', () => {
    expect(evaluate({ 'Fn::Split': ['-', { 'Fn::Sub': 'a-${Stage}' }] })).toEqual(['a', 'dev']);
  });
});

describe('Fn::FindInMap', () => {
  it('finds a value by evaluated keys, or the DefaultValue of AWS::LanguageExtensions', () => {
    expect(evaluate({ 'Fn::FindInMap': ['Stages', { Ref: 'Stage' }, 'Memory'] })).toBe(256);
    expect(evaluate({ 'Fn::FindInMap': ['Stages', 'prod', 'Domain', { DefaultValue: 'none' }] })).toBe(
      'none',
    );
    expect(reason({ 'Fn::FindInMap': ['Stages', 'prod', 'Domain'] })).toBe(
      'Mappings has no Stages.prod.Domain',
    );
  });
});

describe('conditions and Fn::If', () => {
  it('evaluates Fn::Equals (numbers as text), Not, And, Or and Condition', () => {
    const intrinsics = new Intrinsics(template);
    expect(intrinsics.condition('IsProd')).toBe(false);
    expect(intrinsics.condition('IsDev')).toBe(true);
    expect(intrinsics.condition('PortIsDefault')).toBe(true);
    expect(intrinsics.condition('DevOnDefaultPort')).toBe(true);
    expect(intrinsics.condition('ProdOrDefaultPort')).toBe(true);
    expect(new Intrinsics(template, { Stage: 'prod' }).condition('IsDev')).toBe(false);
  });

  it('picks the branch of Fn::If by its condition', () => {
    expect(evaluate({ 'Fn::If': ['IsProd', 'big', 'small'] })).toBe('small');
    expect(evaluate({ 'Fn::If': ['IsProd', 'big', { Ref: 'AWS::NoValue' }] })).toBe(NO_VALUE);
    expect(evaluate({ 'Fn::If': ['IsProd', 'big', 'small'] }, { Stage: 'prod' })).toBe('big');
  });

  it('names an unknown or circular condition instead of looping', () => {
    expect(reason({ 'Fn::If': ['Nope', 1, 2] })).toBe('the template has no condition Nope');
    expect(reason({ 'Fn::If': ['Loop', 1, 2] })).toBe('the condition refers to itself');
  });
});

describe('the other intrinsics', () => {
  it('evaluates Fn::Base64, Fn::ToJsonString and Fn::Length', () => {
    expect(evaluate({ 'Fn::Base64': { 'Fn::Sub': '${Stage}!' } })).toBe(
      Buffer.from('dev!').toString('base64'),
    );
    expect(evaluate({ 'Fn::ToJsonString': { stage: { Ref: 'Stage' } } })).toBe('{"stage":"dev"}');
    expect(evaluate({ 'Fn::Length': { Ref: 'Subnets' } })).toBe(3);
  });

  it('cannot resolve Fn::ImportValue, Fn::GetAZs or Fn::Cidr', () => {
    for (const value of [
      { 'Fn::ImportValue': 'shared-api' },
      { 'Fn::GetAZs': '' },
      { 'Fn::Cidr': ['10.0.0.0/16', 2, 8] },
    ])
      expect(reason(value)).toBe('its value exists only in a deployed stack');
  });

  it('evaluates inside objects and lists, removes AWS::NoValue, and keeps plain values', () => {
    expect(
      evaluate({
        A: { Ref: 'Stage' },
        B: [{ Ref: 'Table' }, 3, { Ref: 'AWS::NoValue' }],
        C: true,
        D: { Ref: 'AWS::NoValue' },
      }),
    ).toEqual({ A: 'dev', B: ['Table', 3], C: true });
  });
});
