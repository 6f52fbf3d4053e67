/**
 * What each sample event in events/ must produce, the one place that states it: the local tests,
 * the emulator's tests and the deployed smoke tests all read this table.
 */
export interface Expected {
  statusCode: number;
  body: { greeting: string } | { message: string };
}

const greeting = (text: string): Expected => ({ statusCode: 200, body: { greeting: text } });
const badRequest = (message: string): Expected => ({ statusCode: 400, body: { message } });

export const restEventExpectations: Record<string, Expected> = {
  'tutorial-post.json': greeting('Good evening, John of Seattle. Happy Thursday!'),
  'get-name-city.json': greeting('Good day, Ada of London.'),
  'console-test-nulls.json': greeting('Good day, you of World.'),
  'header-other-case.json': greeting('Good day, Grace of World. Happy Friday!'),
  'repeated-query-keys.json': greeting('Good day, Bob of Oslo.'),
  'repeated-day-header.json': greeting('Good day, you of World. Happy Tuesday!'),
  'base64-body.json': greeting('Good morning, Linus of World.'),
  'form-urlencoded-json-body.json': greeting('Good night, you of World.'),
  'blank-values.json': greeting('Good afternoon, you of World.'),
  'empty-body.json': greeting('Good day, you of Lima.'),
  'emoji-name-at-limit.json': greeting(`Good day, ${'😀'.repeat(100)} of World.`),
  'malformed-body.json': badRequest('body is not valid JSON'),
  'non-object-body.json': badRequest('body must be a JSON object, not an array'),
  'null-body-json.json': badRequest('body must be a JSON object, not null'),
  'wrong-type-time.json': badRequest('"time" must be a string, not a number'),
  'too-long-name.json': badRequest('"name" must be at most 100 characters'),
};

/** What the WebSocket function returns for each ws-*.json event, and what it posts to the sender. */
export interface ExpectedWebSocket {
  statusCode: number;
  posted: { greeting: string } | { message: string } | null;
}

const posts = (posted: ExpectedWebSocket['posted']): ExpectedWebSocket => ({ statusCode: 200, posted });
const HELP = {
  message:
    'Send {"action":"greet","name":"Ada","city":"Paris","time":"evening","day":"Friday"}; ' +
    'name, city, time and day are optional strings.',
};

export const webSocketEventExpectations: Record<string, ExpectedWebSocket> = {
  'ws-connect.json': posts(null),
  'ws-disconnect.json': posts(null),
  'ws-greet.json': posts({ greeting: 'Good evening, Ada of Paris. Happy Friday!' }),
  'ws-greet-defaults.json': posts({ greeting: 'Good day, you of World.' }),
  'ws-greet-bad-input.json': posts({ message: '"time" must be a string, not a number' }),
  'ws-non-json.json': posts(HELP),
  'ws-unknown-action.json': posts(HELP),
};
