import { serveDuringSuite, templateFile } from '../../support/local-api';
import { sigV4Headers } from '../../support/sigv4';

const TEMPLATE = `
Transform: AWS::Serverless-2016-10-31
Resources:
  WhoFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      InlineCode: |
        exports.handler = async (event) => ({
          statusCode: 200,
          body: JSON.stringify(event.version === '2.0' ? event.requestContext.authorizer : event.requestContext.identity),
        });
      Events:
        Rest:
          Type: Api
          Properties: { Path: /who, Method: ANY, Auth: { Authorizer: AWS_IAM } }
        Http:
          Type: HttpApi
          Properties: { Path: /http-who, Method: ANY, Auth: { Authorizer: AWS_IAM } }
`;

describe('AWS_IAM: SigV4 signatures checked as API Gateway checks them', () => {
  const api = serveDuringSuite(templateFile('sigv4-', TEMPLATE));
  const call = async (path: string, headers: Record<string, string>, init: RequestInit = {}) => {
    const response = await fetch(`${api().url}${path}`, { ...init, headers });
    return {
      status: response.status,
      body: (await response.json()) as Record<string, unknown>,
      headers: response.headers,
    };
  };

  it('lets a correctly signed request in, with its access key in the identity', async () => {
    const url = `${api().url}/Prod/who?b=2&a=1`;
    const { status, body } = await call('/Prod/who?b=2&a=1', await sigV4Headers(url));
    expect(status).toBe(200);
    expect(body).toMatchObject({ accessKey: 'test', accountId: '123456789012', caller: null, userArn: null });
  });

  it('checks the body: a POST signed for one body and sent with another is refused', async () => {
    const url = `${api().url}/Prod/who`;
    const good = await call('/Prod/who', await sigV4Headers(url, { method: 'POST', body: '{"a":1}' }), {
      method: 'POST',
      body: '{"a":1}',
    });
    expect(good.status).toBe(200);
    const tampered = await call('/Prod/who', await sigV4Headers(url, { method: 'POST', body: '{"a":1}' }), {
      method: 'POST',
      body: '{"a":2}',
    });
    expect(tampered.status).toBe(403);
    expect(tampered.body).toEqual({
      message:
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    });
    expect(tampered.headers.get('x-amzn-errortype')).toBe('InvalidSignatureException');
  });

  it('refuses a key it does not know, a wrong secret, and a date more than 5 minutes away', async () => {
    const url = `${api().url}/Prod/who`;
    const unknown = await call('/Prod/who', await sigV4Headers(url, { accessKeyId: 'AKIDUNKNOWN' }));
    expect(unknown).toMatchObject({
      status: 403,
      body: { message: 'The security token included in the request is invalid.' },
    });
    expect(unknown.headers.get('x-amzn-errortype')).toBe('UnrecognizedClientException');
    const wrongSecret = await call('/Prod/who', await sigV4Headers(url, { secret: 'not-the-secret' }));
    expect(wrongSecret.status).toBe(403);
    expect(wrongSecret.body.message).toMatch(/^The request signature we calculated does not match/);
    const old = new Date(Date.now() - 10 * 60 * 1000);
    const expired = await call('/Prod/who', await sigV4Headers(url, { date: old }));
    expect(expired.status).toBe(403);
    expect(expired.body.message).toMatch(
      /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)$/,
    );
  });

  it('refuses an unsigned request with Missing Authentication Token', async () => {
    const { status, body } = await call('/Prod/who', {});
    expect(status).toBe(403);
    expect(body).toEqual({ message: 'Missing Authentication Token' });
  });

  it('HTTP API: a signed request gets authorizer.iam, a badly signed one 403 Forbidden', async () => {
    const url = `${api().url}/http-who`;
    const good = await call('/http-who', await sigV4Headers(url));
    expect(good.status).toBe(200);
    expect(good.body).toEqual({
      iam: {
        accessKey: 'test',
        accountId: '123456789012',
        callerId: null,
        cognitoIdentity: null,
        principalOrgId: null,
        userArn: null,
        userId: null,
      },
    });
    const bad = await call('/http-who', await sigV4Headers(url, { secret: 'wrong' }));
    expect(bad).toMatchObject({ status: 403, body: { message: 'Forbidden' } });
  });
});
