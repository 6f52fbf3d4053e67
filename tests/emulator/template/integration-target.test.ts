import { functionOfUri, integrationOfTarget } from '../../../emulator/template/integration-target';
import { parseTemplate } from '../../../emulator/template/template';

const template = parseTemplate(`
Resources:
  Items: { Type: AWS::Serverless::Function, Properties: { FunctionName: items-prod } }
  Orders: { Type: AWS::Serverless::Function }
  Table: { Type: AWS::DynamoDB::Table }
`);
const FUNCTION = 'arn:aws:lambda:us-east-1:123456789012:function';
const invocation = (arn: string): string =>
  `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${arn}/invocations`;

describe('the function an integration URI names', () => {
  it.each([
    ['an invocation URI with the logical id', invocation(`${FUNCTION}:Orders`), 'Orders'],
    ['an invocation URI with the FunctionName', invocation(`${FUNCTION}:items-prod`), 'Items'],
    ['an invocation URI with an alias', invocation(`${FUNCTION}:items-prod:live`), 'Items'],
    ['an invocation URI with a version', invocation(`${FUNCTION}:Orders:7`), 'Orders'],
    ['a plain function ARN (quick create, HTTP API)', `${FUNCTION}:Orders`, 'Orders'],
    ['a plain ARN with an alias', `${FUNCTION}:Orders:live`, 'Orders'],
    ['another partition and region', invocation('arn:aws-cn:lambda:cn-north-1:1:function:Orders'), 'Orders'],
    ['a Ref to the function', { Ref: 'Orders' }, 'Orders'],
    [
      'a response-streaming invocation URI',
      `arn:aws:apigateway:us-east-1:lambda:path/2021-11-15/functions/${FUNCTION}:Orders/response-streaming-invocations`,
      'Orders',
    ],
    [
      "an included file's ARN with its pseudo parameters left as text",
      'arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:items-prod/invocations',
      'Items',
    ],
    [
      "an included file's ${Fn.Arn}",
      'arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Items.Arn}/invocations',
      'Items',
    ],
    [
      "an included file's Fn::GetAtt",
      { 'Fn::Join': ['', ['x/', { 'Fn::GetAtt': ['Orders', 'Arn'] }, '/invocations']] },
      'Orders',
    ],
  ])('%s', (_case, uri, expected) => {
    expect(functionOfUri(uri, template)).toBe(expected);
  });

  it('names nothing for a function of another template, a resource that is no function, or another service', () => {
    expect(functionOfUri(invocation(`${FUNCTION}:SomeoneElses`), template)).toBeUndefined();
    expect(functionOfUri({ Ref: 'Table' }, template)).toBeUndefined();
    expect(functionOfUri('arn:aws:apigateway:us-east-1:dynamodb:action/PutItem', template)).toBeUndefined();
  });

  it("reads a route's Target as integrations/<id>", () => {
    expect(integrationOfTarget('integrations/OrdersIntegration')).toBe('OrdersIntegration');
    expect(integrationOfTarget({ 'Fn::Sub': 'integrations/${X}' })).toBeUndefined();
  });
});
