import type { APIGatewayProxyResult } from 'aws-lambda';

// Read once per instance: the environment is fixed for an instance's life, and process.env is slow.
const allowedOrigin = process.env.ALLOWED_ORIGIN ?? '*';

/** A JSON reply with the CORS origin the template configures (ALLOWED_ORIGIN). */
export function jsonResponse(statusCode: number, body: object): APIGatewayProxyResult {
  return {
    statusCode,
    headers: { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': allowedOrigin },
    body: JSON.stringify(body),
  };
}
