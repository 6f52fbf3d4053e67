import type { APIGatewayProxyEvent } from 'aws-lambda';
import { rawRequest, type RunningApi } from './local-api';

/** What the fixture's echo function (tests/fixtures/emulator/functions/echo.ts) answers with. */
export interface Echo {
  event: APIGatewayProxyEvent;
  instanceId: string;
  invocations: number;
  overlapped: boolean;
  context: { functionName: string; awsRequestId: string; memoryLimitInMB: string; remainingMs: number };
}

/** What the fixture's echo function saw, for a request that must succeed. */
export async function echoFrom(
  api: RunningApi,
  path: string,
  options: Parameters<typeof rawRequest>[1] = {},
): Promise<Echo> {
  const response = await rawRequest(`${api.url}${path}`, options);
  expect(response.status).toBe(200);
  return JSON.parse(response.body.toString()) as Echo;
}
