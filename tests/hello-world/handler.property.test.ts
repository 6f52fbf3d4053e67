import fc from 'fast-check';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { invokeRest } from '../support/handler';

const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('', ' ', 'day'));
const anyValue = fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null), fc.array(text));
const singleMap = fc.option(
  fc.dictionary(fc.oneof(text, fc.constantFrom('name', 'city', 'day', 'DAY')), anyValue),
  {
    nil: null,
  },
);
const multiMap = fc.option(
  fc.dictionary(fc.oneof(text, fc.constantFrom('name', 'Day')), fc.oneof(fc.array(anyValue), anyValue)),
  {
    nil: null,
  },
);
const jsonBody = fc.jsonValue().map((value) => JSON.stringify(value));
const greetingBody = fc
  .record({ time: anyValue, other: anyValue }, { requiredKeys: [] })
  .map((value) => JSON.stringify(value));
const body = fc.oneof(
  fc.constant(null),
  text,
  jsonBody,
  greetingBody,
  greetingBody.map((json) => Buffer.from(json).toString('base64')),
  fc.uint8Array().map((bytes) => Buffer.from(bytes).toString('base64')),
);

const arbitraryEvent = fc.record({
  httpMethod: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
  path: fc.constant('/helloworld'),
  resource: fc.constant('/helloworld'),
  headers: singleMap,
  multiValueHeaders: multiMap,
  queryStringParameters: singleMap,
  multiValueQueryStringParameters: multiMap,
  pathParameters: fc.constant(null),
  stageVariables: fc.constant(null),
  body,
  isBase64Encoded: fc.oneof(fc.boolean(), fc.constant(null)),
  requestContext: fc.option(fc.record({ requestId: fc.uuid() }), { nil: undefined }),
});

describe('lambdaHandler on arbitrary events', () => {
  it('never throws and always answers 200 or 400 with a JSON body', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryEvent, async (event) => {
        const { result } = await invokeRest(event as unknown as APIGatewayProxyEvent);
        expect([200, 400]).toContain(result.statusCode);
        const parsed: unknown = JSON.parse(result.body);
        if (result.statusCode === 200) expect(parsed).toEqual({ greeting: expect.stringMatching(/^Good /) });
        else expect(parsed).toEqual({ message: expect.any(String) });
      }),
      { numRuns: 3000 },
    );
  });
});
