import type { APIGatewayProxyResult } from 'aws-lambda';

/** A JSON reply with the CORS origin the template configures (ALLOWED_ORIGIN). */
export function jsonResponse(statusCode: number, body: object): APIGatewayProxyResult {
  return {
    statusCode,
    headers: {
      'Content-Type': 'application/json',
      'Access-Control-Allow-Origin': process.env.ALLOWED_ORIGIN ?? '*',
    },
    body: JSON.stringify(body),
  };
}
