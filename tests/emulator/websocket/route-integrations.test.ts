import { serveDuringSuite, templateFile } from '../../support/local-api';
import { TestClient } from '../../support/websocket';

const route = (name: string, key: string, integration: string, twoWay: boolean): string => `
  ${name}Route:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: !Ref Socket
      RouteKey: ${key}
      Target: !Sub integrations/\${${integration}}
      ${twoWay ? 'RouteResponseSelectionExpression: $default' : ''}
${
  twoWay
    ? `  ${name}RouteResponse:
    Type: AWS::ApiGatewayV2::RouteResponse
    Properties:
      ApiId: !Ref Socket
      RouteId: !Ref ${name}Route
      RouteResponseKey: $default`
    : ''
}`;

const TEMPLATE = `
Transform: AWS::Serverless-2016-10-31
Resources:
  Socket:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      Name: socket
      ProtocolType: WEBSOCKET
      RouteSelectionExpression: $request.body.action
  Stage:
    Type: AWS::ApiGatewayV2::Stage
    Properties: { ApiId: !Ref Socket, StageName: live }
  GreeterFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      InlineCode: |
        exports.handler = async (event) => {
          if (event.name === 'nobody') throw new Error('no such person');
          return { hello: event.name, connection: event.connection };
        };
  ConnectMock:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: !Ref Socket
      IntegrationType: MOCK
      TemplateSelectionExpression: \\$default
      RequestTemplates:
        $default: '#if($input.params(''deny'') != "") {"statusCode": 403} #else {"statusCode": 200} #end'
  PingMock:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: !Ref Socket
      IntegrationType: MOCK
      RequestTemplates:
        $default: '{"statusCode": 200}'
  PingResponse:
    Type: AWS::ApiGatewayV2::IntegrationResponse
    Properties:
      ApiId: !Ref Socket
      IntegrationId: !Ref PingMock
      IntegrationResponseKey: $default
      ResponseTemplates:
        $default: '{"pong": true, "route": "$context.routeKey", "connection": "$context.connectionId"}'
  GreetLambda:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: !Ref Socket
      IntegrationType: AWS
      IntegrationMethod: POST
      IntegrationUri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${GreeterFunction.Arn}/invocations
      RequestTemplates:
        $default: '{"name": $input.json(''$.name''), "connection": "$context.connectionId"}'
  GreetResponse:
    Type: AWS::ApiGatewayV2::IntegrationResponse
    Properties:
      ApiId: !Ref Socket
      IntegrationId: !Ref GreetLambda
      IntegrationResponseKey: $default
${route('Connect', '$connect', 'ConnectMock', false)}
${route('Ping', 'ping', 'PingMock', true)}
${route('Greet', 'greet', 'GreetLambda', true)}
`;

describe('WebSocket routes whose integration is MOCK or AWS, with mapping templates', () => {
  const api = serveDuringSuite(templateFile('ws-integrations-', TEMPLATE));
  const url = (): string => `${api().url.replace('http', 'ws')}/live`;

  it('runs a MOCK $connect: its request template decides the handshake', async () => {
    await expect(TestClient.connect(`${url()}?deny=yes`)).rejects.toThrow('handshake refused with 403');
    const client = await TestClient.connect(url());
    client.socket.close();
  });

  it('answers a two-way MOCK route from its integration response template', async () => {
    const client = await TestClient.connect(url());
    const answer = (await client.ask(JSON.stringify({ action: 'ping' }))) as Record<string, unknown>;
    expect(answer).toEqual({ pong: true, route: 'ping', connection: expect.stringMatching(/\S+/) });
    client.socket.close();
  });

  it('invokes a function without the proxy with the mapped event, and sends its result back', async () => {
    const client = await TestClient.connect(url());
    const answer = (await client.ask(JSON.stringify({ action: 'greet', name: 'Ana' }))) as Record<
      string,
      unknown
    >;
    expect(answer.hello).toBe('Ana');
    expect(typeof answer.connection).toBe('string');
    expect(answer.connection).not.toBe('');
    client.socket.close();
  });

  it('serves every route and names none as not served', () => {
    expect(api().notices.filter(({ subject }) => subject !== 'functions')).toEqual([]);
    expect([...(api().webSocketApis[0]?.integrations.keys() ?? [])].sort()).toEqual([
      '$connect',
      'greet',
      'ping',
    ]);
  });
});
