import { renderAccessLog } from '../../../emulator/gateway/access-log';
import { PROJECT_TEMPLATE, serveDuringSuite } from '../../support/local-api';

describe("a stage's access log Format, rendered", () => {
  it('writes each $context value, and "-" for one it does not have, naming those', () => {
    expect(
      renderAccessLog('$context.requestId $context.status "$context.integration.error" $context.status.', {
        requestId: 'r-1',
        status: 200,
      }),
    ).toEqual({ line: 'r-1 200 "-" 200.', unknown: ['integration.error'] });
  });
});

describe("the console's access log line of a request to template.yaml's REST API", () => {
  const api = serveDuringSuite(PROJECT_TEMPLATE);

  const lineOf = async (path: string, init?: RequestInit) => {
    const response = await fetch(`${api().url}${path}`, init);
    const body = await response.text();
    const rows = (await (await fetch(`${api().url}/_console/api/invocations`)).json()) as {
      id: string;
      target: string;
    }[];
    const row = rows.find((candidate) => candidate.target === path);
    const details = (await (
      await fetch(`${api().url}/_console/api/invocations/${row?.id ?? ''}`)
    ).json()) as {
      accessLog?: { line: string; unknown: string[] };
      event: { requestContext?: { requestId: string; extendedRequestId: string } } | null;
    };
    return {
      response,
      body,
      details,
      fields: JSON.parse(details.accessLog?.line ?? 'null') as Record<string, string>,
    };
  };

  it("fills the template's JSON Format from the request, its event and its reply", async () => {
    const { body, details, fields } = await lineOf('/helloworld?name=Ada', {
      headers: { 'user-agent': 'test' },
    });
    expect(fields).toEqual({
      requestId: details.event?.requestContext?.requestId,
      extendedRequestId: details.event?.requestContext?.extendedRequestId,
      ip: '127.0.0.1',
      requestTime: expect.stringMatching(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/),
      httpMethod: 'GET',
      resourcePath: '/helloworld',
      status: '200',
      protocol: 'HTTP/1.1',
      responseLength: String(Buffer.byteLength(body)),
      responseLatency: expect.stringMatching(/^\d+$/),
      integrationLatency: expect.stringMatching(/^\d+$/),
      integrationStatus: '-',
      integrationError: '-',
      errorMessage: '-',
    });
    expect(details.accessLog?.unknown).toEqual(['integration.status', 'integration.error']);
  });

  it("writes API Gateway's own error for a path no route has", async () => {
    const { fields } = await lineOf('/nowhere');
    expect(fields).toMatchObject({
      httpMethod: 'GET',
      resourcePath: '-',
      status: '403',
      errorMessage: 'Missing Authentication Token',
      integrationLatency: '-',
    });
  });
});
