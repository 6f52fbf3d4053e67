import { serveDuringSuite, templateFile } from '../../support/local-api';
import { sigV4Headers } from '../../support/sigv4';

const api = (name: string, stage: string, policy: string, auth = ''): string => `
  ${name}:
    Type: AWS::Serverless::Api
    Properties:
      StageName: ${stage}
      Auth:
        ${auth}
        ResourcePolicy:
${policy}`;

const TEMPLATE = `
Transform: AWS::Serverless-2016-10-31
Resources:
  OkFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      InlineCode: "exports.handler = async () => ({ statusCode: 200, body: 'ok' });"
      Events:
        Allowed: { Type: Api, Properties: { RestApiId: !Ref AllowedApi, Path: /x, Method: get } }
        Outside: { Type: Api, Properties: { RestApiId: !Ref OutsideApi, Path: /x, Method: get } }
        Blocked: { Type: Api, Properties: { RestApiId: !Ref BlockedApi, Path: /x, Method: get } }
        Vpc: { Type: Api, Properties: { RestApiId: !Ref VpcApi, Path: /x, Method: get } }
        Accounts: { Type: Api, Properties: { RestApiId: !Ref AccountsApi, Path: /x, Method: get } }
        Custom: { Type: Api, Properties: { RestApiId: !Ref CustomApi, Path: /x, Method: ANY } }
${api('AllowedApi', 'allowed', '          IpRangeWhitelist: [127.0.0.0/8, "::1/128"]')}
${api('OutsideApi', 'outside', '          IpRangeWhitelist: [203.0.113.0/24]')}
${api('BlockedApi', 'blocked', '          IpRangeBlacklist: [127.0.0.1/32, "::1"]')}
${api('VpcApi', 'vpc', '          SourceVpcWhitelist: [vpc-1a2b3c4d]')}
${api('AccountsApi', 'accounts', '          AwsAccountWhitelist: ["123456789012"]', 'DefaultAuthorizer: AWS_IAM')}
${api(
  'CustomApi',
  'custom',
  `          CustomStatements:
            - Effect: Allow
              Principal: "*"
              Action: execute-api:Invoke
              Resource: execute-api:/custom/GET/*
            - Effect: Allow
              Principal: "*"
              Action: execute-api:Invoke
              Resource: execute-api:/custom/POST/*
              Condition: { StringEquals: { "aws:PrincipalTag/team": blue } }`,
)}
`;

describe("REST resource policies, evaluated for the caller's address, account and VPC", () => {
  const local = serveDuringSuite(templateFile('resource-policy-', TEMPLATE));
  const get = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${local().url}${path}`, init);
    return {
      status: response.status,
      text: await response.text(),
      errorType: response.headers.get('x-amzn-errortype'),
    };
  };
  const arn = (stage: string, method = 'GET') =>
    `arn:aws:execute-api:us-east-1:123456789012:${stage}api/${stage}/${method}/x`;

  it('lets a caller in whose address an IpRangeWhitelist lists', async () => {
    expect(await get('/allowed/x')).toMatchObject({ status: 200, text: 'ok' });
  });

  it("refuses a caller outside the allow list: SAM's Deny with NotIpAddress, an explicit deny", async () => {
    expect(await get('/outside/x')).toEqual({
      status: 403,
      text: JSON.stringify({
        Message: `User: anonymous is not authorized to perform: execute-api:Invoke on resource: ${arn('outside')} with an explicit deny`,
      }),
      errorType: 'AccessDeniedException',
    });
  });

  it('refuses a caller an IpRangeBlacklist lists', async () => {
    const { status, text } = await get('/blocked/x');
    expect(status).toBe(403);
    expect(JSON.parse(text)).toEqual({
      Message: `User: anonymous is not authorized to perform: execute-api:Invoke on resource: ${arn('blocked')} with an explicit deny`,
    });
  });

  it('refuses every local caller of an API open only to a VPC: no local request comes through one', async () => {
    expect((await get('/vpc/x')).status).toBe(403);
  });

  it('lets in a signed caller of a listed account; an unsigned one AWS_IAM refuses before the policy', async () => {
    const url = `${local().url}/accounts/x`;
    expect(await get('/accounts/x', { headers: await sigV4Headers(url) })).toMatchObject({ status: 200 });
    // Unsigned: AWS_IAM refuses it before the policy.
    expect((await get('/accounts/x')).status).toBe(403);
  });

  it('applies CustomStatements: an Allow without Condition lets in, one on a key not known locally never allows', async () => {
    expect(await get('/custom/x')).toMatchObject({ status: 200 });
    const { status, text } = await get('/custom/x', { method: 'POST' });
    expect(status).toBe(403);
    expect(JSON.parse(text)).toEqual({
      Message: `User: anonymous is not authorized to perform: execute-api:Invoke on resource: ${arn('custom', 'POST')}`,
    });
  });
});
