import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { eventually, serveDuringSuite, templateFile } from '../../support/local-api';

const TEMPLATE = `
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs22.x
    Handler: index.handler
    Timeout: 1
Resources:
  EchoFunction:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: echo-fn
      InlineCode: |
        exports.handler = async (event) => {
          console.log('echoing', JSON.stringify(event));
          if (event.fail) throw new TypeError('asked to fail');
          if (event.sleep) await new Promise((resolve) => setTimeout(resolve, 5000));
          return { got: event };
        };
  CallerFunction:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Call: { Type: Api, Properties: { Path: /call, Method: get } }
      InlineCode: |
        exports.handler = async () => {
          const { LambdaClient, InvokeCommand } = require('@aws-sdk/client-lambda');
          const client = new LambdaClient({});
          const answer = await client.send(new InvokeCommand({ FunctionName: 'EchoFunction', Payload: JSON.stringify({ from: 'caller' }) }));
          return { statusCode: 200, body: Buffer.from(answer.Payload).toString('utf8') };
        };
  QueueWorkerFunction:
    Type: AWS::Serverless::Function
    Properties:
      InlineCode: "exports.handler = async (event) => ({ records: event.Records.length });"
`;

describe("Lambda's Invoke API, served locally for every function of the template", () => {
  const api = serveDuringSuite(templateFile('invoke-endpoint-', TEMPLATE));
  const client = (): LambdaClient =>
    new LambdaClient({
      endpoint: api().url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
  const payloadOf = (bytes: Uint8Array | undefined): unknown =>
    JSON.parse(Buffer.from(bytes ?? []).toString('utf8'));

  it('invokes a function by logical id, FunctionName or ARN through the SDK (RequestResponse)', async () => {
    for (const name of [
      'EchoFunction',
      'echo-fn',
      'arn:aws:lambda:us-east-1:123456789012:function:echo-fn',
    ]) {
      const answer = await client().send(
        new InvokeCommand({ FunctionName: name, Payload: JSON.stringify({ n: 1 }) }),
      );
      expect({ name, status: answer.StatusCode, payload: payloadOf(answer.Payload) }).toEqual({
        name,
        status: 200,
        payload: { got: { n: 1 } },
      });
      expect(answer.ExecutedVersion).toBe('$LATEST');
      expect(answer.FunctionError).toBeUndefined();
    }
  });

  it('invokes a function no route calls (one with only an SQS event, say)', async () => {
    const answer = await client().send(
      new InvokeCommand({
        FunctionName: 'QueueWorkerFunction',
        Payload: JSON.stringify({ Records: [{}, {}] }),
      }),
    );
    expect(payloadOf(answer.Payload)).toEqual({ records: 2 });
  });

  it('answers a function error with 200, X-Amz-Function-Error and the error payload', async () => {
    const answer = await client().send(
      new InvokeCommand({ FunctionName: 'EchoFunction', Payload: '{"fail": true}' }),
    );
    expect(answer.StatusCode).toBe(200);
    expect(answer.FunctionError).toBe('Unhandled');
    expect(payloadOf(answer.Payload)).toMatchObject({
      errorType: 'TypeError',
      errorMessage: 'asked to fail',
      trace: expect.any(Array),
    });
  });

  it('answers a timeout as Lambda does: Sandbox.Timedout', async () => {
    const answer = await client().send(
      new InvokeCommand({ FunctionName: 'EchoFunction', Payload: '{"sleep": true}' }),
    );
    expect(answer.FunctionError).toBe('Unhandled');
    expect(payloadOf(answer.Payload)).toEqual({
      errorType: 'Sandbox.Timedout',
      errorMessage: expect.stringMatching(/^RequestId: \S+ Error: Task timed out after 1\.00 seconds$/),
    });
  });

  it('returns the log tail (LogType Tail) with START, the function output, END and REPORT', async () => {
    const answer = await client().send(
      new InvokeCommand({ FunctionName: 'EchoFunction', Payload: '{"t": 1}', LogType: 'Tail' }),
    );
    const log = Buffer.from(answer.LogResult ?? '', 'base64').toString('utf8');
    expect(log).toMatch(/^START RequestId: \S+ Version: \$LATEST\n/);
    expect(log).toContain('echoing {"t":1}');
    expect(log).toMatch(
      /\nEND RequestId: \S+\nREPORT RequestId: \S+\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB/,
    );
  });

  it('answers Event with 202 and runs the function after; DryRun with 204', async () => {
    const queued = await client().send(
      new InvokeCommand({ FunctionName: 'EchoFunction', InvocationType: 'Event', Payload: '{"async": 1}' }),
    );
    expect(queued.StatusCode).toBe(202);
    await eventually(() => api().lines.join('\n').includes('echoing {"async":1}'), 10_000);
    const dry = await client().send(
      new InvokeCommand({ FunctionName: 'EchoFunction', InvocationType: 'DryRun' }),
    );
    expect(dry.StatusCode).toBe(204);
  });

  it('answers an unknown function 404 ResourceNotFoundException, and a payload over 6 MB 413', async () => {
    await expect(client().send(new InvokeCommand({ FunctionName: 'Nope' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Function not found: arn:aws:lambda:us-east-1:123456789012:function:Nope',
    });
    const big = JSON.stringify({ data: 'x'.repeat(6 * 1024 * 1024) });
    const response = await fetch(`${api().url}/2015-03-31/functions/EchoFunction/invocations`, {
      method: 'POST',
      body: big,
    });
    expect(response.status).toBe(413);
    expect(response.headers.get('x-amzn-errortype')).toBe('RequestEntityTooLargeException');
  });

  it("points every function's LambdaClient at it: one function invokes another locally", async () => {
    const response = await fetch(`${api().url}/call`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ got: { from: 'caller' } });
    // The console links the inner invocation to the function that made it.
    const list = (await (await fetch(`${api().url}/_console/api/invocations`)).json()) as {
      functionId: string;
      trigger: string;
    }[];
    expect(list).toContainEqual(
      expect.objectContaining({
        functionId: 'EchoFunction',
        trigger: 'Lambda Invoke (RequestResponse) from CallerFunction',
      }),
    );
  });
});
