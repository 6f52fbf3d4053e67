import type { IncomingRequest } from '../../../emulator/formats/incoming-request-types';
import { isBinary, proxyEventV1, type ProxyEventV1Input } from '../../../emulator/formats/proxy-v1-event';

const REQUEST: IncomingRequest = {
  method: 'POST',
  url: '/items/7?name=Ann&name=Bob&city=Oslo',
  rawHeaders: ['Host', 'localhost:3000', 'day', 'Monday', 'DAY', 'Friday', 'User-Agent', 'curl/8'],
  body: Buffer.from('{"time":"evening"}'),
  sourceIp: '127.0.0.1',
  protocol: 'HTTP/1.1',
  host: 'localhost:3000',
};

function input(request: Partial<IncomingRequest> = {}, binaryMediaTypes: string[] = []): ProxyEventV1Input {
  return {
    request: { ...REQUEST, ...request },
    resourcePath: '/items/{id}',
    pathParameters: { id: '7' },
    apiId: 'local',
    stage: 'Prod',
    stagePrefix: '',
    stageVariables: null,
    binaryMediaTypes,
    authorizer: null,
    apiKey: null,
    iamCaller: null,
    requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbe01',
    extendedRequestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbe02',
    requestTimeEpoch: Date.UTC(2026, 10, 24, 11, 19, 28),
  };
}

describe('the REST proxy event built from a request', () => {
  it('is the payload 1.0 event API Gateway sends, field by field', () => {
    expect(proxyEventV1(input())).toEqual({
      resource: '/items/{id}',
      path: '/items/7',
      httpMethod: 'POST',
      headers: { Host: 'localhost:3000', day: 'Monday', DAY: 'Friday', 'User-Agent': 'curl/8' },
      multiValueHeaders: {
        Host: ['localhost:3000'],
        day: ['Monday'],
        DAY: ['Friday'],
        'User-Agent': ['curl/8'],
      },
      queryStringParameters: { name: 'Bob', city: 'Oslo' },
      multiValueQueryStringParameters: { name: ['Ann', 'Bob'], city: ['Oslo'] },
      pathParameters: { id: '7' },
      stageVariables: null,
      body: '{"time":"evening"}',
      isBase64Encoded: false,
      requestContext: {
        accountId: '123456789012',
        apiId: 'local',
        authorizer: null,
        domainName: 'localhost:3000',
        domainPrefix: 'localhost:3000',
        extendedRequestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbe02',
        httpMethod: 'POST',
        identity: {
          accessKey: null,
          accountId: null,
          apiKey: null,
          apiKeyId: null,
          caller: null,
          clientCert: null,
          cognitoAuthenticationProvider: null,
          cognitoAuthenticationType: null,
          cognitoIdentityId: null,
          cognitoIdentityPoolId: null,
          principalOrgId: null,
          sourceIp: '127.0.0.1',
          user: null,
          userAgent: 'curl/8',
          userArn: null,
        },
        path: '/Prod/items/7',
        protocol: 'HTTP/1.1',
        requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbe01',
        requestTime: '24/Nov/2026:11:19:28 +0000',
        requestTimeEpoch: Date.UTC(2026, 10, 24, 11, 19, 28),
        resourceId: 'local',
        resourcePath: '/items/{id}',
        stage: 'Prod',
      },
    });
  });

  it('has null maps and body for a request with no headers, query or body', () => {
    const event = proxyEventV1(input({ url: '/items/7', rawHeaders: [], body: null }));
    expect(event).toMatchObject({
      headers: null,
      multiValueHeaders: null,
      queryStringParameters: null,
      multiValueQueryStringParameters: null,
      body: null,
      isBase64Encoded: false,
    });
    expect(event.requestContext.identity.userAgent).toBeNull();
  });

  it('decodes the query string but keeps the path as sent', () => {
    const event = proxyEventV1(input({ url: '/items/a%20b?q=x%20y&plus=1+2&empty=' }));
    expect(event.path).toBe('/items/a%20b');
    expect(event.queryStringParameters).toEqual({ q: 'x y', plus: '1 2', empty: '' });
  });

  it('base64-encodes a body whose Content-Type is one of the binary media types', () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]);
    const event = proxyEventV1(
      input({ rawHeaders: ['Content-Type', 'image/png; q=1'], body: new Uint8Array(bytes) }, ['image/*']),
    );
    expect(event.isBase64Encoded).toBe(true);
    expect(event.body).toBe(bytes.toString('base64'));
  });

  it('sends a text body as UTF-8 text when its type is not binary', () => {
    const event = proxyEventV1(
      input({ rawHeaders: ['Content-Type', 'text/plain'], body: Buffer.from('Grüße') }, ['image/png']),
    );
    expect(event).toMatchObject({ body: 'Grüße', isBase64Encoded: false });
  });
});

describe('isBinary', () => {
  it.each([
    ['image/png', ['image/png'], true],
    ['IMAGE/PNG; charset=x', ['image/png'], true],
    ['image/gif', ['image/*'], true],
    ['application/json', ['*/*'], true],
    ['image/png', ['image/gif'], false],
    [undefined, ['*/*'], false],
  ])('%s against %j is %s', (contentType, types, expected) => {
    expect(isBinary(contentType, types)).toBe(expected);
  });
});
