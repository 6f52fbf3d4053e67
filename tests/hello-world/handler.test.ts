import type { APIGatewayProxyEvent } from 'aws-lambda';
import { createLambdaContext } from '../../emulator/runtime/lambda/lambda-context';
import { readRestEvent } from '../support/events';
import { invokeRest } from '../support/handler';

const tutorialPost = (): APIGatewayProxyEvent => readRestEvent('tutorial-post.json');

describe('lambdaHandler', () => {
  const savedOrigin = process.env.ALLOWED_ORIGIN;
  afterEach(() => {
    if (savedOrigin === undefined) delete process.env.ALLOWED_ORIGIN;
    else process.env.ALLOWED_ORIGIN = savedOrigin;
  });

  it('answers JSON with exactly the greeting, never the event', async () => {
    const { result } = await invokeRest(tutorialPost());
    expect(result).toEqual({
      statusCode: 200,
      headers: { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' },
      body: '{"greeting":"Good evening, John of Seattle. Happy Thursday!"}',
    });
  });

  it('sends the CORS origin the template configures', async () => {
    process.env.ALLOWED_ORIGIN = 'https://example.com';
    // The origin is read once per instance, as Lambda's environment is fixed: load a fresh instance.
    let freshInstance: typeof import('../../hello-world/app') | undefined;
    jest.isolateModules(() => {
      freshInstance = jest.requireActual<typeof import('../../hello-world/app')>('../../hello-world/app');
    });
    jest.spyOn(console, 'info').mockImplementation(() => undefined);
    const context = createLambdaContext({ functionName: 'HelloWorldFunction' });
    const result = await freshInstance?.lambdaHandler(tutorialPost(), context);
    jest.restoreAllMocks();
    expect(result?.headers).toEqual({
      'Content-Type': 'application/json',
      'Access-Control-Allow-Origin': 'https://example.com',
    });
  });

  it('sends the same headers on a 400', async () => {
    const { result } = await invokeRest({ ...tutorialPost(), body: '{"time": false}' });
    expect(result).toEqual({
      statusCode: 400,
      headers: { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' },
      body: '{"message":"\\"time\\" must be a string, not a boolean"}',
    });
  });

  it('reads a multi-value map when the single-value map is missing', async () => {
    const event: APIGatewayProxyEvent = {
      ...tutorialPost(),
      headers: null as unknown as APIGatewayProxyEvent['headers'],
      queryStringParameters: null,
      multiValueHeaders: { Day: ['Sunday', 'Monday'] },
      multiValueQueryStringParameters: { name: ['Zoe'] },
    };
    const { result } = await invokeRest(event);
    expect(JSON.parse(result.body)).toEqual({ greeting: 'Good evening, Zoe of World. Happy Monday!' });
  });

  it('ignores a time inherited from the prototype chain', async () => {
    const { result } = await invokeRest({ ...tutorialPost(), body: '{"__proto__":{"time":"x"}}' });
    expect(JSON.parse(result.body)).toEqual({ greeting: 'Good day, John of Seattle. Happy Thursday!' });
  });

  it('rejects a base64 body that is not UTF-8 text', async () => {
    const body = Buffer.from([0xff, 0xfe, 0x00]).toString('base64');
    const { result } = await invokeRest({ ...tutorialPost(), body, isBase64Encoded: true });
    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body)).toEqual({ message: 'body is not valid UTF-8 text' });
  });

  it('logs one structured line per request with no personal values', async () => {
    const event = tutorialPost();
    const { result, logs } = await invokeRest(event);
    expect(logs).toHaveLength(1);
    const [line] = logs[0] ?? [];
    expect(line).toEqual({
      message: 'request',
      requestId: expect.any(String),
      apiRequestId: event.requestContext.requestId,
      method: 'POST',
      path: '/helloworld',
      status: result.statusCode,
      durationMs: expect.any(Number),
    });
    const text = JSON.stringify(logs);
    for (const personal of ['John', 'Seattle', 'Thursday', 'evening']) expect(text).not.toContain(personal);
  });
});
