import { resolveValue } from '../../../emulator/template/intrinsics';
import { parseTemplate } from '../../../emulator/template/template';

const template = parseTemplate(`
Parameters:
  Stage: { Type: String, Default: dev }
  Origin: { Type: String }
Resources:
  Table: { Type: AWS::DynamoDB::Table }
`);

describe('resolveValue: what can be known of an intrinsic without a stack', () => {
  it("gives a parameter's Default, or its override", () => {
    expect(resolveValue({ Ref: 'Stage' }, template)).toBe('dev');
    expect(resolveValue({ Ref: 'Stage' }, template, { Stage: 'prod' })).toBe('prod');
  });

  it('gives undefined for a parameter without a Default or override', () => {
    expect(resolveValue({ Ref: 'Origin' }, template)).toBeUndefined();
  });

  it("gives the local account's pseudo parameters", () => {
    expect(resolveValue({ Ref: 'AWS::Region' }, template)).toBe('us-east-1');
    expect(resolveValue({ Ref: 'AWS::AccountId' }, template)).toBe('123456789012');
    expect(resolveValue({ Ref: 'AWS::Partition' }, template)).toBe('aws');
  });

  it("gives a resource's logical id for its Ref, and undefined for an unknown name", () => {
    expect(resolveValue({ Ref: 'Table' }, template)).toBe('Table');
    expect(resolveValue({ Ref: 'Nothing' }, template)).toBeUndefined();
  });

  it('substitutes ${Name} and ${Var} in Fn::Sub, leaving what it cannot resolve as written', () => {
    expect(resolveValue({ 'Fn::Sub': 'api-${Stage}-${AWS::Region}' }, template)).toBe('api-dev-us-east-1');
    expect(
      resolveValue({ 'Fn::Sub': ['${Greeting}, ${Stage}', { Greeting: { Ref: 'Table' } }] }, template),
    ).toBe('Table, dev');
    expect(resolveValue({ 'Fn::Sub': 'arn=${Table.Arn}' }, template)).toBe('arn=${Table.Arn}');
  });

  it('gives undefined for any other intrinsic, never a made-up value', () => {
    expect(resolveValue({ 'Fn::GetAtt': ['Table', 'Arn'] }, template)).toBeUndefined();
    expect(resolveValue({ 'Fn::ImportValue': 'x' }, template)).toBeUndefined();
  });

  it('resolves inside objects and lists, and keeps plain values', () => {
    expect(
      resolveValue(
        { Variables: { STAGE: { Ref: 'Stage' }, LIST: [{ Ref: 'Table' }, 3], ON: true } },
        template,
      ),
    ).toEqual({ Variables: { STAGE: 'dev', LIST: ['Table', 3], ON: true } });
  });

  it('reads the short YAML forms as the long ones', () => {
    const short = parseTemplate(`
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Environment:
        Variables:
          A: !Ref AWS::Region
          B: !Sub 'x-\${AWS::AccountId}'
          C: !GetAtt Table.Arn
`);
    expect(resolveValue(short.Resources.Fn?.Properties?.Environment, short)).toEqual({
      Variables: { A: 'us-east-1', B: 'x-123456789012', C: undefined },
    });
  });
});
