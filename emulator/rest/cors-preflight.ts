import type { HttpReply } from '../gateway/http-reply';
import type { CorsSettings } from '../template/rest-api-model';

/** The answer API Gateway gives a browser's preflight OPTIONS from the API's Cors setting. */
export function preflight(cors: CorsSettings): HttpReply {
  const headers: [string, string][] = [
    ['Content-Type', 'application/json'],
    ['Access-Control-Allow-Origin', cors.allowOrigin],
  ];
  if (cors.allowMethods !== '') headers.push(['Access-Control-Allow-Methods', cors.allowMethods]);
  if (cors.allowHeaders !== undefined) headers.push(['Access-Control-Allow-Headers', cors.allowHeaders]);
  if (cors.maxAge !== undefined) headers.push(['Access-Control-Max-Age', cors.maxAge]);
  if (cors.allowCredentials === true) headers.push(['Access-Control-Allow-Credentials', 'true']);
  return { statusCode: 200, headers, body: Buffer.from('{}') };
}
