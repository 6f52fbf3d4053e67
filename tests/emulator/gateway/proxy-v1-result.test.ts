import { replyFor } from '../../../emulator/gateway/proxy-v1-result';
import type { InvokeOutcome } from '../../../emulator/runtime/invocation';

const returned = (result: unknown): InvokeOutcome => ({ kind: 'result', result });

/** The parts of a reply a client sees, with the body as text. */
function seen(outcome: InvokeOutcome): { status: number; headers: [string, string][]; body: string } {
  const reply = replyFor(outcome, () => false);
  return { status: reply.statusCode, headers: reply.headers, body: reply.body.toString('utf8') };
}

const INTERNAL_ERROR = {
  status: 502,
  headers: [
    ['Content-Type', 'application/json'],
    ['x-amzn-ErrorType', 'InternalServerErrorException'],
  ],
  body: '{"message":"Internal server error"}',
};

describe('a Lambda proxy result mapped to the HTTP reply, as API Gateway maps it', () => {
  it('sends statusCode, headers and body as given', () => {
    expect(
      seen(
        returned({ statusCode: 201, headers: { 'Content-Type': 'text/plain', 'X-One': 1 }, body: 'made' }),
      ),
    ).toEqual({
      status: 201,
      headers: [
        ['Content-Type', 'text/plain'],
        ['X-One', '1'],
      ],
      body: 'made',
    });
  });

  it('adds Content-Type: application/json when the result names none, and an empty body when it has none', () => {
    expect(seen(returned({ statusCode: 204 }))).toEqual({
      status: 204,
      headers: [['Content-Type', 'application/json']],
      body: '',
    });
  });

  it('sends every value of multiValueHeaders, which win over headers for the same name in any case', () => {
    const reply = seen(
      returned({
        statusCode: 200,
        headers: { 'set-cookie': 'lost=1', 'X-Single': 'one' },
        multiValueHeaders: { 'Set-Cookie': ['a=1', 'b=2'] },
      }),
    );
    expect(reply.headers).toEqual([
      ['Set-Cookie', 'a=1'],
      ['Set-Cookie', 'b=2'],
      ['X-Single', 'one'],
      ['Content-Type', 'application/json'],
    ]);
  });

  it('decodes a base64 body when isBase64Encoded is true and the binary media types accept it', () => {
    const reply = replyFor(
      returned({ statusCode: 200, body: 'iVBORw==', isBase64Encoded: true }),
      () => true,
    );
    expect(reply.body).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  });

  it('sends the base64 text itself when they do not, as API Gateway does', () => {
    expect(seen(returned({ statusCode: 200, body: 'iVBORw==', isBase64Encoded: true })).body).toBe(
      'iVBORw==',
    );
  });

  it('takes a statusCode given as a numeric string', () => {
    expect(seen(returned({ statusCode: '201', body: 'made' }))).toMatchObject({ status: 201, body: 'made' });
  });

  it.each([
    ['not an object', 'hello', 'the result is "hello", not an object'],
    ['null', null, 'the result is null, not an object'],
    ['an array', [200], 'the result is [200], not an object'],
    ['without statusCode', { body: 'x' }, 'statusCode must be an integer from 200 to 599, got undefined'],
    [
      'with a statusCode string that is no number',
      { statusCode: 'OK' },
      'statusCode must be an integer from 200 to 599, got "OK"',
    ],
    ['with statusCode 600', { statusCode: 600 }, 'statusCode must be an integer from 200 to 599, got 600'],
    [
      'with an informational 101',
      { statusCode: 101 },
      'statusCode must be an integer from 200 to 599, got 101',
    ],
    ['with an unknown field', { statusCode: 200, greeting: 'hi' }, 'unexpected field "greeting"'],
    [
      'with an object header value',
      { statusCode: 200, headers: { a: {} } },
      'headers must map names to strings',
    ],
    [
      'with a multiValueHeaders value that is no list',
      { statusCode: 200, multiValueHeaders: { a: 'x' } },
      'multiValueHeaders must map names to lists of strings',
    ],
    ['with a JSON body that is not a string', { statusCode: 200, body: { a: 1 } }, 'body must be a string'],
    [
      'with isBase64Encoded "true"',
      { statusCode: 200, isBase64Encoded: 'true' },
      'isBase64Encoded must be a boolean',
    ],
  ])('answers 502 for a result %s, and says why in the terminal', (_case, result, why) => {
    const reply = replyFor(returned(result), () => false);
    expect(seen(returned(result))).toEqual(INTERNAL_ERROR);
    expect(reply.fault).toBe(`Malformed Lambda proxy response: ${why}`);
  });

  it('answers 502 for an error, with its stack in the terminal', () => {
    const error = {
      errorType: 'TypeError',
      errorMessage: 'x is undefined',
      stack: 'TypeError: x is undefined\n    at f',
    };
    expect(seen({ kind: 'error', error })).toEqual(INTERNAL_ERROR);
    expect(replyFor({ kind: 'error', error }, () => false).fault).toBe('TypeError: x is undefined\n    at f');
    expect(replyFor({ kind: 'error', error: { ...error, stack: '' } }, () => false).fault).toBe(
      'TypeError: x is undefined',
    );
  });

  it("answers 502 for a timeout, with Lambda's own line in the terminal", () => {
    expect(seen({ kind: 'timeout', timeoutMs: 3000 })).toEqual(INTERNAL_ERROR);
    expect(replyFor({ kind: 'timeout', timeoutMs: 3000 }, () => false).fault).toBe(
      'Task timed out after 3.00 seconds',
    );
  });
});
