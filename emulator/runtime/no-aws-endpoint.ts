import { createServer, type Server } from 'node:http';
import { listen, serverUrl } from '../shared/http-server';

export const NO_AWS_ERROR_CODE = 'NoLocalAwsAccess';

export const NO_AWS_MESSAGE =
  'no AWS credentials on this machine, so the local emulator answered this AWS SDK call itself instead of ' +
  'sending it to AWS: set AWS_PROFILE (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY) before npm start to ' +
  'reach your AWS account, or AWS_ENDPOINT_URL_<SERVICE> (e.g. AWS_ENDPOINT_URL_DYNAMODB) for a local service';

/**
 * Where the SDK calls of functions go when the developer has no AWS credentials: every request
 * fails at once with an error that says why, in the shape each AWS protocol parses (JSON, or XML),
 * so nothing reaches AWS, or waits on the instance-metadata service, by surprise.
 */
export class NoAwsEndpoint {
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<NoAwsEndpoint> {
    const server = createServer((request, response) => {
      request.resume();
      const json = /json/.test(request.headers['content-type'] ?? '');
      const body = json
        ? JSON.stringify({ __type: NO_AWS_ERROR_CODE, message: NO_AWS_MESSAGE })
        : `<ErrorResponse><Error><Type>Sender</Type><Code>${NO_AWS_ERROR_CODE}</Code><Message>${NO_AWS_MESSAGE}</Message></Error><RequestId>local</RequestId></ErrorResponse>`;
      response.writeHead(403, {
        'content-type': json ? 'application/x-amz-json-1.1' : 'text/xml',
        'x-amzn-errortype': NO_AWS_ERROR_CODE,
        'x-amzn-requestid': 'local',
        'content-length': Buffer.byteLength(body),
      });
      response.end(body);
    });
    server.unref();
    await listen(server, 0, '127.0.0.1');
    return new NoAwsEndpoint(server, serverUrl(server));
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => {
      this.server.close(() => {
        resolve();
      });
    });
  }
}
