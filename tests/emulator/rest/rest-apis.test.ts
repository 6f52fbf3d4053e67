import { join } from 'node:path';
import { serveDuringSuite } from '../../support/local-api';

const APP_TEMPLATE = join(__dirname, '..', '..', 'fixtures', 'apps', 'rest-apis', 'template.yaml');

interface Echo {
  resource: string;
  path: string;
  pathParameters: Record<string, string> | null;
  stageVariables: Record<string, string> | null;
  apiId: string;
  stage: string;
  contextPath: string;
  resourcePath: string;
}

describe('every REST API of a template, on one port', () => {
  const api = serveDuringSuite(APP_TEMPLATE);
  const get = async (path: string, method = 'GET'): Promise<{ status: number; echo: Echo; text: string }> => {
    const response = await fetch(`${api().url}${path}`, { method });
    const text = await response.text();
    return { status: response.status, echo: (response.ok ? JSON.parse(text) : {}) as Echo, text };
  };

  it('serves the implicit API with and without its stage prefix, the event as the real endpoint gives it', async () => {
    for (const url of ['/implicit', '/Prod/implicit']) {
      const { status, echo } = await get(url);
      expect(status).toBe(200);
      expect(echo).toEqual({
        resource: '/implicit',
        path: '/implicit',
        pathParameters: null,
        stageVariables: null,
        apiId: 'local',
        stage: 'Prod',
        contextPath: '/Prod/implicit',
        resourcePath: '/implicit',
      });
    }
  });

  it('serves an explicit API with its StageName and Variables', async () => {
    const { echo } = await get('/dev/me');
    expect(echo).toMatchObject({
      path: '/me',
      apiId: 'devapi',
      stage: 'dev',
      contextPath: '/dev/me',
      stageVariables: { table: 'dev-items' },
    });
    expect((await get('/me')).echo.stage).toBe('dev');
  });

  it('answers the preflight of an explicit API with its own Cors', async () => {
    const response = await fetch(`${api().url}/dev/me`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://dev.example.com', 'Access-Control-Request-Method': 'GET' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://dev.example.com');
  });

  it('serves the routes of an OpenAPI DefinitionBody, x-amazon-apigateway-any-method included', async () => {
    const { echo } = await get('/v1/items/42');
    expect(echo).toMatchObject({
      resource: '/items/{id}',
      pathParameters: { id: '42' },
      apiId: 'openapiapi',
      stage: 'v1',
    });
    expect((await get('/v1/anything', 'DELETE')).echo.resource).toBe('/anything');
  });

  it('serves a definition from a local file, through AWS::Include or DefinitionUri', async () => {
    expect((await get('/inc/included')).echo).toMatchObject({
      apiId: 'includedapi',
      stage: 'inc',
      path: '/included',
    });
  });

  it('serves a raw AWS::ApiGateway::RestApi from its Resources, Methods and Stage', async () => {
    const { echo } = await get('/live/orders/7');
    expect(echo).toEqual({
      resource: '/orders/{orderId}',
      path: '/orders/7',
      pathParameters: { orderId: '7' },
      stageVariables: { backend: 'orders-v2' },
      apiId: 'rawapi',
      stage: 'live',
      contextPath: '/live/orders/7',
      resourcePath: '/orders/{orderId}',
    });
  });

  it('answers a path in two APIs by its stage prefix, the first API without one, and says so at start-up', async () => {
    expect((await get('/shared')).echo.apiId).toBe('local');
    expect((await get('/Prod/shared')).echo.apiId).toBe('local');
    expect((await get('/dev/shared')).echo.apiId).toBe('devapi');
    expect(api().notices).toContainEqual({
      subject: 'DevApi',
      text: 'GET /shared is also in ServerlessRestApi: without a stage prefix ServerlessRestApi answers it; /dev/shared reaches this one',
    });
  });

  it('runs a MOCK integration without integration responses as the service does: 500, a configuration error', async () => {
    // "No match for output mapping and no default output mapping configured": the method has no
    // integration response for the mock's 200.
    const mocked = await get('/v1/mocked');
    expect(mocked.status).toBe(500);
    expect(mocked.text).toBe('{"message":"Internal server error"}');
    const options = await get('/live/orders', 'OPTIONS');
    expect(options.status).toBe(500);
    expect(options.text).toBe('{"message":"Internal server error"}');
  });

  it('says at start-up exactly what it does not serve, and nothing it does', () => {
    expect(
      api()
        .notices.filter((notice) => notice.subject !== 'functions')
        .map((notice) => notice.subject),
    ).toEqual(['DevApi', 'UriApi']);
  });

  it('answers 403 Missing Authentication Token for a stage with no such route', async () => {
    const { status, text } = await get('/dev/implicit-nowhere');
    expect(status).toBe(403);
    expect(text).toBe('{"message":"Missing Authentication Token"}');
  });
});
