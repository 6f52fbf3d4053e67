import { serveDuringSuite, templateFile } from '../../support/local-api';
import { sigV4Headers } from '../../support/sigv4';

const TEMPLATE = `
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs22.x
    Handler: index.handler
Resources:
  PublicFunction:
    Type: AWS::Serverless::Function
    Properties:
      InlineCode: |
        exports.handler = async (event) => {
          if (event.rawPath === '/throw') throw new Error('boom');
          if (event.rawPath === '/plain') return { hello: 'world' };
          return {
            statusCode: 201,
            headers: { 'x-seen': event.requestContext.http.method },
            cookies: ['a=1', 'b=2'],
            body: JSON.stringify({ routeKey: event.routeKey, rawPath: event.rawPath, query: event.rawQueryString, stage: event.requestContext.stage }),
          };
        };
      FunctionUrlConfig:
        AuthType: NONE
        Cors:
          AllowOrigins: [https://app.example.com]
          AllowMethods: [GET, POST]
          AllowHeaders: [content-type]
          MaxAge: 300
  PrivateFunction:
    Type: AWS::Serverless::Function
    Properties:
      InlineCode: "exports.handler = async (event) => ({ iam: event.requestContext.authorizer.iam.accessKey });"
  PrivateUrl:
    Type: AWS::Lambda::Url
    Properties:
      TargetFunctionArn: !GetAtt PrivateFunction.Arn
      AuthType: AWS_IAM
`;

describe('Lambda function URLs, each on an address of its own', () => {
  const api = serveDuringSuite(templateFile('function-urls-', TEMPLATE));
  const urlOf = (id: string): string => {
    const found = api().functionUrls.find((candidate) => candidate.id === id);
    if (found === undefined) throw new Error(`no function URL ${id}`);
    return found.url;
  };

  it('sends a payload 2.0 event (routeKey and stage $default, the path as sent) and maps the 2.0 result', async () => {
    const response = await fetch(`${urlOf('PublicFunction')}files/a%20b?x=1&x=2`);
    expect(response.status).toBe(201);
    expect(response.headers.get('x-seen')).toBe('GET');
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(await response.json()).toEqual({
      routeKey: '$default',
      rawPath: '/files/a%20b',
      query: 'x=1&x=2',
      stage: '$default',
    });
  });

  it('answers a plain object as a 200 JSON body, and a function error 502', async () => {
    const plain = await fetch(`${urlOf('PublicFunction')}plain`);
    expect(plain.status).toBe(200);
    expect(await plain.json()).toEqual({ hello: 'world' });
    const failed = await fetch(`${urlOf('PublicFunction')}throw`);
    expect(failed.status).toBe(502);
    expect(await failed.text()).toBe('Internal Server Error');
  });

  it('answers CORS from its Cors settings: the preflight itself, and the headers on a response', async () => {
    const preflight = await fetch(urlOf('PublicFunction'), {
      method: 'OPTIONS',
      headers: { Origin: 'https://app.example.com', 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET,POST');
    expect(preflight.headers.get('access-control-max-age')).toBe('300');
    const response = await fetch(`${urlOf('PublicFunction')}plain`, {
      headers: { Origin: 'https://app.example.com' },
    });
    expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    const other = await fetch(`${urlOf('PublicFunction')}plain`, {
      headers: { Origin: 'https://evil.example.com' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('AuthType AWS_IAM: 403 Forbidden unsigned or badly signed, the caller in authorizer.iam when signed', async () => {
    const url = urlOf('PrivateUrl');
    const unsigned = await fetch(url);
    expect(unsigned.status).toBe(403);
    expect(await unsigned.json()).toEqual({ Message: 'Forbidden' });
    const wrong = await fetch(url, { headers: await sigV4Headers(url, { secret: 'wrong' }) });
    expect(wrong.status).toBe(403);
    const signed = await fetch(url, { headers: await sigV4Headers(url) });
    expect(signed.status).toBe(200);
    expect(await signed.json()).toEqual({ iam: 'test' });
  });

  it('answers a request over 6 MB 413, as the synchronous invocation it is', async () => {
    const response = await fetch(urlOf('PublicFunction'), {
      method: 'POST',
      body: 'x'.repeat(6 * 1024 * 1024 + 1),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      Message: 'Request must be smaller than 6291456 bytes for the InvokeFunction operation',
    });
  });

  it('prints each function URL with its logical id at start-up (as the banner does)', () => {
    expect(api().functionUrls.map(({ id, functionId, authType }) => ({ id, functionId, authType }))).toEqual([
      { id: 'PublicFunction', functionId: 'PublicFunction', authType: 'NONE' },
      { id: 'PrivateUrl', functionId: 'PrivateFunction', authType: 'AWS_IAM' },
    ]);
    expect(new Set(api().functionUrls.map(({ url }) => url)).size).toBe(2);
  });
});
