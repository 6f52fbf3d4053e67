import { createServer } from 'node:http';
import { readEnvVarsFile, undeclaredOverrides } from './environment';
import { templateFunctions } from './functions';
import { LocalFunctions } from './local-functions';
import { restApiOf, type RestApi } from './routes';
import { listen, restRequestListener, serverUrl } from './server';
import { readTemplate } from './template';
import { WebSocketGateway } from './websocket-server';
import { webSocketApisOf, type WebSocketApi } from './websocket-routes';

export interface LocalApiOptions {
  templatePath: string;
  host: string;
  port: number;
  envVarsPath?: string;
  apiTimeoutMs?: number;
  watch?: boolean;
  log?: (line: string) => void;
}

export interface LocalApi {
  url: string;
  api: RestApi;
  webSocketApi: WebSocketApi | undefined;
  close: () => Promise<void>;
}

/**
 * The whole pipeline: template → routes → (per request) event → invoke → result, for the implicit
 * REST API and the template's WebSocket API, on one port.
 */
export async function startLocalApi(options: LocalApiOptions): Promise<LocalApi> {
  const log = options.log ?? console.log;
  const template = readTemplate(options.templatePath);
  const functions = templateFunctions(template, options.templatePath);
  const envVars = options.envVarsPath === undefined ? {} : readEnvVarsFile(options.envVarsPath);
  for (const fn of functions) {
    const ignored = undeclaredOverrides(fn, envVars);
    if (ignored.length > 0)
      log(`--env-vars: ${fn.id} does not declare ${ignored.join(', ')} in the template; ignored`);
  }
  const api = restApiOf(functions, template);
  const [webSocketApi] = webSocketApisOf(template);
  const servedIds = new Set([
    ...api.routes.map((route) => route.functionId),
    ...(webSocketApi?.routes.values() ?? []),
  ]);

  // Listen first: the WebSocket functions must be told this server's @connections endpoint.
  const server = createServer();
  server.keepAliveTimeout = 60_000;
  await listen(server, options.port, options.host);
  const url = serverUrl(server);
  let local: LocalFunctions;
  try {
    local = await LocalFunctions.start(
      functions.filter((fn) => servedIds.has(fn.id)),
      {
        envVars,
        log,
        watch: options.watch ?? false,
        extraEnvironment: (fn): Record<string, string> =>
          webSocketApi !== undefined && [...webSocketApi.routes.values()].includes(fn.id)
            ? { AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI: `${url}/${webSocketApi.stage}` }
            : {},
      },
    );
  } catch (error) {
    server.close();
    throw error;
  }
  const gateway = webSocketApi === undefined ? undefined : new WebSocketGateway(webSocketApi, local, log);
  server.on(
    'request',
    restRequestListener(api, local, {
      log,
      ...(options.apiTimeoutMs === undefined ? {} : { apiTimeoutMs: options.apiTimeoutMs }),
      ...(gateway === undefined ? {} : { otherRequests: gateway.connectionsRequest.bind(gateway) }),
    }),
  );
  if (gateway !== undefined) {
    server.on('upgrade', (request, socket, head: Buffer) => {
      void gateway.upgrade(request, socket, head);
    });
  }
  return {
    url,
    api,
    webSocketApi,
    close: async () => {
      gateway?.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await local.close();
    },
  };
}
