import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { eventually, startApi, type RunningApi } from '../../support/local-api';
import { tempDir } from '../../support/temp-dirs';

interface Variant {
  greeting: string;
  items?: boolean;
  /** A second WebSocket route: a change to the WebSocket API. */
  wsRoute?: boolean;
  /** Timeout and MemorySize of HelloFunction, and CORS of the implicit API. */
  settings?: boolean;
}

/** A small project: inline functions start in milliseconds, so each test waits on the template only. */
function templateText({ greeting, items = false, wsRoute = false, settings = false }: Variant): string {
  return `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs22.x
    Handler: index.handler
${settings ? '  Api:\n    Cors: "\'https://app.example.com\'"\n' : ''}Resources:
  HelloFunction:
    Type: AWS::Serverless::Function
    Properties:
      InlineCode: "exports.handler = async (event, context) => ({ statusCode: 200, body: process.env.GREETING + ' ' + context.memoryLimitInMB + ' ' + Math.round(context.getRemainingTimeInMillis() / 1000) });"
      Environment:
        Variables:
          GREETING: ${greeting}
${settings ? '      Timeout: 7\n      MemorySize: 256\n' : ''}      Events:
        Hello:
          Type: Api
          Properties: { Path: /hello, Method: get }
${
  items
    ? `  ItemsFunction:
    Type: AWS::Serverless::Function
    Properties:
      InlineCode: "exports.handler = async () => ({ statusCode: 200, body: 'items' });"
      Events:
        Items:
          Type: Api
          Properties: { Path: /items, Method: get }
`
    : ''
}  SocketFunction:
    Type: AWS::Serverless::Function
    Properties:
      InlineCode: "exports.handler = async (event) => ({ statusCode: 200, body: 'echo:' + event.body });"
  SocketApi:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      Name: socket
      ProtocolType: WEBSOCKET
      RouteSelectionExpression: $request.body.action
  SocketIntegration:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: !Ref SocketApi
      IntegrationType: AWS_PROXY
      IntegrationUri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${SocketFunction.Arn}/invocations
  DefaultRoute:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: !Ref SocketApi
      RouteKey: $default
      RouteResponseSelectionExpression: $default
      Target: !Sub integrations/\${SocketIntegration}
  DefaultRouteResponse:
    Type: AWS::ApiGatewayV2::RouteResponse
    Properties:
      ApiId: !Ref SocketApi
      RouteId: !Ref DefaultRoute
      RouteResponseKey: $default
${
  wsRoute
    ? `  PingRoute:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: !Ref SocketApi
      RouteKey: ping
      Target: !Sub integrations/\${SocketIntegration}
`
    : ''
}  SocketStage:
    Type: AWS::ApiGatewayV2::Stage
    Properties: { ApiId: !Ref SocketApi, StageName: live }
`;
}

describe('the template, applied live as it is saved', () => {
  let dir: string;
  let templatePath: string;
  let api: RunningApi;
  let socket: WebSocket;
  const received: string[] = [];

  /** JetBrains' safe write and vim's backup mode: a new file renamed over the template. */
  const saveByRename = (variant: Variant | string): void => {
    const temp = join(dir, 'template.yaml___jb_tmp___');
    writeFileSync(temp, typeof variant === 'string' ? variant : templateText(variant));
    renameSync(temp, templatePath);
  };
  const saveInPlace = (variant: Variant | string): void => {
    writeFileSync(templatePath, typeof variant === 'string' ? variant : templateText(variant));
  };
  const get = async (path: string): Promise<[number, string]> => {
    const response = await fetch(`${api.url}${path}`);
    return [response.status, await response.text()];
  };
  const appliedLines = (): string[] =>
    api.lines.filter((line) => line.startsWith(`${templatePath} applied: `));
  /** Waits for the next "applied" line and gives what it says changed. */
  const nextApplied = async (count: number): Promise<string> => {
    await eventually(() => appliedLines().length > count);
    return appliedLines()[count]?.slice(`${templatePath} applied: `.length) ?? '';
  };
  const echo = async (text: string): Promise<string> => {
    const before = received.length;
    socket.send(text);
    await eventually(() => received.length > before);
    return received[before] ?? '';
  };

  beforeAll(async () => {
    dir = tempDir('live-template');
    templatePath = join(dir, 'template.yaml');
    saveInPlace({ greeting: 'hello' });
    api = await startApi(templatePath, { watch: true, typeCheck: false });
    socket = new WebSocket(api.url.replace(/^http/, 'ws'));
    socket.on('message', (data: Buffer) => received.push(data.toString('utf8')));
    await new Promise((resolve, reject) => {
      socket.once('open', resolve).once('error', reject);
    });
  });
  afterAll(async () => {
    socket.terminate();
    await api.close();
  });

  it('serves a route and function the template gains, from the next request', async () => {
    expect(await get('/items')).toEqual([403, '{"message":"Missing Authentication Token"}']);
    saveByRename({ greeting: 'hello', items: true });
    expect(await nextApplied(0)).toBe('+ GET /items → ItemsFunction; + ItemsFunction (function)');
    expect(await get('/items')).toEqual([200, 'items']);
    expect(await get('/hello')).toEqual([200, 'hello 128 3']);
  });

  it('applies a changed Environment value on the next request, at a second safe save in a row', async () => {
    saveByRename({ greeting: 'hi', items: true });
    expect(await nextApplied(1)).toBe('~ HelloFunction: Environment');
    expect(await get('/hello')).toEqual([200, 'hi 128 3']);
  });

  it('stops serving a route and its function saved away in place', async () => {
    saveInPlace({ greeting: 'hi' });
    expect(await nextApplied(2)).toBe('- GET /items → ItemsFunction; - ItemsFunction (function)');
    expect(await get('/items')).toEqual([403, '{"message":"Missing Authentication Token"}']);
    expect(api.apis[0]?.routes.map((route) => route.resourcePath)).toEqual(['/hello']);
  });

  it('keeps serving the last good template when a save does not parse, and applies the fix', async () => {
    // An unclosed quote: said where it opens, as an editor jumps to it.
    const broken = templateText({ greeting: '"broken' });
    const lines = broken.split('\n');
    const row = lines.findIndex((line) => line.includes('"broken')) + 1;
    const column = (lines[row - 1] ?? '').indexOf('"') + 1;
    saveInPlace(broken);
    await eventually(() => api.lines.some((line) => line.endsWith('still serving the previous template')));
    expect(api.lines.find((line) => line.endsWith('still serving the previous template'))).toMatch(
      new RegExp(
        `^${escaped(templatePath)}:${row}:${column} is not valid YAML: .+: still serving the previous template$`,
      ),
    );
    expect(await get('/hello')).toEqual([200, 'hi 128 3']);
    saveInPlace({ greeting: 'fixed' });
    expect(await nextApplied(3)).toBe('~ HelloFunction: Environment');
    expect(await get('/hello')).toEqual([200, 'fixed 128 3']);
  });

  it("applies a function's Timeout and MemorySize and an API's CORS", async () => {
    saveByRename({ greeting: 'fixed', settings: true });
    expect(await nextApplied(4)).toBe('~ ServerlessRestApi: cors; ~ HelloFunction: Timeout, MemorySize');
    expect(await get('/hello')).toEqual([200, 'fixed 256 7']);
    const preflight = await fetch(`${api.url}/hello`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://app.example.com', 'Access-Control-Request-Method': 'GET' },
    });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
  });

  it('kept the WebSocket connection open through edits that left its API as it was', async () => {
    expect(socket.readyState).toBe(WebSocket.OPEN);
    expect(await echo('still here')).toBe('echo:still here');
  });

  it('closes the connections of a WebSocket API that changed, as a redeployment does, and serves the new one', async () => {
    const closed = new Promise<number>((resolve) => socket.once('close', resolve));
    saveInPlace({ greeting: 'fixed', settings: true, wsRoute: true });
    expect(await nextApplied(5)).toBe('+ SocketApi WS ping → SocketFunction');
    expect(await closed).toBe(1001);
    socket = new WebSocket(api.url.replace(/^http/, 'ws'));
    socket.on('message', (data: Buffer) => received.push(data.toString('utf8')));
    await new Promise((resolve) => socket.once('open', resolve));
    expect(await echo('again')).toBe('echo:again');
  });
});

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
