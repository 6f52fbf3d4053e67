import http from 'node:http';
import https from 'node:https';
import { syncBuiltinESMExports } from 'node:module';

// With no AWS credentials, the SDK v3 is pointed at a local endpoint by AWS_ENDPOINT_URL, which it
// reads. The SDK v2 (aws-sdk) does not read it: it would sign with the local dummy keys and call
// AWS itself, hanging where there is no network and reaching AWS where there is. In the function's
// own thread, every HTTP(S) request to an AWS host goes to the local endpoint instead, so a v2 call
// fails at once with the same NoLocalAwsAccess error as a v3 one, whether aws-sdk is bundled or not.

const AWS_HOST = /(^|\.)(amazonaws\.com(\.cn)?|api\.aws)$/i;

type RequestFunction = typeof http.request;

export function sendAwsRequestsTo(endpoint: string): void {
  const local = new URL(endpoint);
  const localRequest = http.request.bind(http);
  const redirect =
    (original: RequestFunction): RequestFunction =>
    (...args: unknown[]): http.ClientRequest => {
      const [first, second, third] = args;
      const url = typeof first === 'string' || first instanceof URL ? new URL(first) : undefined;
      const options = (url === undefined ? first : typeof second === 'object' ? second : {}) as
        http.RequestOptions | undefined;
      const host = url?.hostname ?? options?.hostname ?? options?.host?.split(':')[0] ?? '';
      if (!AWS_HOST.test(host)) return Reflect.apply(original, undefined, args) as http.ClientRequest;
      const callback = [second, third].find((arg) => typeof arg === 'function') as
        ((response: http.IncomingMessage) => void) | undefined;
      // The request's own options, less where it was going and how.
      const rest = Object.fromEntries(
        Object.entries(options ?? {}).filter(([key]) => !['agent', 'host', 'port', 'protocol'].includes(key)),
      );
      const path = url === undefined ? (options?.path ?? '/') : `${url.pathname}${url.search}`;
      return localRequest(
        {
          ...rest,
          method: options?.method ?? 'GET',
          path,
          protocol: 'http:',
          hostname: local.hostname,
          port: local.port,
          headers: { ...(options?.headers as Record<string, string> | undefined), host },
        },
        callback,
      );
    };
  const get =
    (request: RequestFunction): typeof http.get =>
    (...args: unknown[]) => {
      const sent = Reflect.apply(request, undefined, args) as http.ClientRequest;
      sent.end();
      return sent;
    };
  const httpsRequest = redirect(https.request.bind(https));
  const httpRequest = redirect(localRequest);
  Reflect.set(https, 'request', httpsRequest);
  Reflect.set(https, 'get', get(httpsRequest));
  Reflect.set(http, 'request', httpRequest);
  Reflect.set(http, 'get', get(httpRequest));
  syncBuiltinESMExports();
}
