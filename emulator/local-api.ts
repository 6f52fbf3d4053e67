import { dirname, resolve } from 'node:path';
import { createServer, type IncomingMessage, type RequestListener } from 'node:http';
import { answerAsRequest } from './gateway/non-websocket-upgrade';
import { watch as watchFiles } from 'chokidar';
import type { Duplex } from 'node:stream';
import { RecentInvocations } from './console/recent-invocations';
import { CONSOLE_PATH, consoleRequestHandler } from './console/request-handler';
import { listen, serverUrl } from './shared/http-server';
import { InvocationReporter } from './gateway/invocation-report';
import { restRequestHandler } from './rest/request-handler';
import { readEnvVarsFile, undeclaredOverrides } from './runtime/environment';
import { TypeChecker } from './runtime/build/type-checker';
import { DEBUG_TIMEOUT_MS, RunningFunctions } from './runtime/running-functions';
import inspector from 'node:inspector';
import { terminalLines } from './shared/terminal-lines';
import { templateFunctions } from './template/functions';
import type { Notice } from './template/notices';
import { unservedParts } from './template/unserved-parts';
import { IMPLICIT_API, restRouteLabel, type RestApi } from './template/rest-api-model';
import { restApisOf } from './template/rest-apis';
import { httpRouteLabel, type HttpApi } from './template/http-api-model';
import { httpApisOf } from './template/http-apis';
import { httpApiHandler } from './http-api/request-handler';
import { loadTemplate } from './template/load-template';
import { accessNotices } from './template/access-notices';
import { webSocketApisOf, type WebSocketApi } from './template/websocket-apis';
import { connectionsEndpointFor, WebSocketGateways } from './websocket/gateways';

interface Listeners {
  upgrade?: (request: IncomingMessage, socket: Duplex, head: Buffer) => Promise<void>;
}

export interface LocalApiOptions {
  templatePath: string;
  host: string;
  port: number;
  envVarsPath?: string;
  apiTimeoutMs?: number;
  /** Hosts the console and @connections answer besides localhost, loopback addresses and `host`. */
  allowedHosts?: string[];
  watch?: boolean;
  log?: (line: string) => void;
  /** `--debug-port`: the Node inspector for the functions, with their timeouts suspended. */
  debugPort?: number;
  /** With `watch`: the project's TypeScript checker beside the server, its new diagnostics said once. */
  typeCheck?: boolean;
  /** `--parameter-overrides`: `Key=Value` pairs, as `sam local` takes them. */
  parameterOverrides?: string[];
  /** The WebSocket APIs' idle and maximum connection times, shortened only to try them out. */
  webSocketIdleTimeoutMs?: number;
  webSocketMaxConnectionMs?: number;
}

export interface LocalApi {
  url: string;
  consoleUrl: string;
  /** The REST APIs, the implicit one first. */
  apis: RestApi[];
  /** The HTTP APIs, the implicit one first. */
  httpApis: HttpApi[];
  webSocketApis: WebSocketApi[];
  /** The inspector's WebSocket URL, with `debugPort`. */
  inspectorUrl?: string;
  /** What of the template is not served, or served differently, each with its logical id. */
  notices: Notice[];
  close: () => Promise<void>;
}

/**
 * The whole pipeline: template → routes → (per request) event → invoke → result, for the implicit
 * REST API and the template's WebSocket API, on one port.
 */
export async function startLocalApi(options: LocalApiOptions): Promise<LocalApi> {
  const log = options.log ?? terminalLines();
  // The address the server listens on is the user's choice of host, unless it is every address.
  const allowedHosts = [
    ...(options.allowedHosts ?? []),
    ...(['0.0.0.0', '::', ''].includes(options.host) ? [] : [options.host]),
  ];
  const read = loadTemplate(options.templatePath, options.parameterOverrides);
  const template = read.template;
  const { functions, notices } = templateFunctions(template, options.templatePath);
  notices.unshift(...read.notices);
  const envVars = options.envVarsPath === undefined ? {} : readEnvVarsFile(options.envVarsPath);
  for (const id of Object.keys(envVars)) {
    if (id !== 'Parameters' && !functions.some((fn) => fn.id === id))
      log(`--env-vars: the template has no function ${id}; its variables are ignored`);
  }
  for (const fn of functions) {
    const ignored = undeclaredOverrides(fn, envVars);
    if (ignored.length > 0)
      log(`--env-vars: ${fn.id} does not declare ${ignored.join(', ')} in the template; ignored`);
  }
  const rest = restApisOf(functions, template, options.templatePath);
  const apis = rest.apis;
  notices.push(...rest.notices);
  const http = httpApisOf(functions, template, options.templatePath);
  const httpApis = http.apis;
  notices.push(...http.notices);
  const webSocketApis = webSocketApisOf(template, notices);
  notices.push(...accessNotices(template));
  notices.push(...unservedParts(functions));
  const servedIds = new Set([
    ...apis.flatMap((api) => api.routes.flatMap((route) => route.functionId ?? [])),
    ...httpApis.flatMap((api) =>
      api.routes.flatMap((route) => [
        ...(route.functionId === undefined ? [] : [route.functionId]),
        ...(route.authorizer?.type === 'REQUEST' ? [route.authorizer.functionId] : []),
      ]),
    ),
    ...apis.flatMap((api) =>
      [...api.routes.map((route) => route.auth), api.preflightAuth].flatMap((auth) => {
        const authorizer = auth?.authorizer;
        return authorizer !== undefined && 'functionId' in authorizer ? [authorizer.functionId] : [];
      }),
    ),
    ...webSocketApis.flatMap((api) => [
      ...api.routes.values(),
      ...(api.connectAuthorizer === undefined ? [] : [api.connectAuthorizer.functionId]),
    ]),
  ]);

  // Listen first, since the WebSocket functions must be told this server's @connections endpoint;
  // a request that comes before the functions are ready waits for them.
  let ready: (listeners: Listeners) => void = () => undefined;
  const listeners = new Promise<Listeners>((resolve) => {
    ready = resolve;
  });
  let onRequest: RequestListener = (request, response) => {
    void listeners.then(() => {
      onRequest(request, response);
    });
  };
  const server = createServer((request, response) => {
    onRequest(request, response);
  });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Only a WebSocket handshake is an upgrade; any other (`Upgrade: h2c`) is an ordinary request,
    // answered on its socket as API Gateway answers it, and the connection closed after it.
    if (request.headers.upgrade?.toLowerCase() !== 'websocket') {
      answerAsRequest(request, socket, head, (message, response) => {
        onRequest(message, response);
      });
      return;
    }
    void listeners.then(async ({ upgrade }) => {
      if (upgrade === undefined) socket.destroy();
      else await upgrade(request, socket, head);
    });
  });
  server.keepAliveTimeout = 60_000;
  await listen(server, options.port, options.host);
  const url = serverUrl(server);
  let local: RunningFunctions;
  let consolePage: Awaited<ReturnType<typeof consoleRequestHandler>>;
  const recent = new RecentInvocations();
  const reporter = new InvocationReporter(log, recent);
  try {
    consolePage = await consoleRequestHandler(
      recent,
      {
        routes: [
          ...apis.flatMap((api) =>
            api.routes.map((route) => ({
              label: restRouteLabel(api, route),
              method: route.method,
              path: api.id === IMPLICIT_API ? route.resourcePath : `/${api.stage}${route.resourcePath}`,
            })),
          ),
          ...httpApis.flatMap((api) =>
            api.routes
              .filter((route) => route.routeKey !== '$default')
              .map((route) => ({
                label: httpRouteLabel(api, route),
                method: route.method,
                path: `${api.stage === '$default' ? '' : `/${api.stage}`}${route.path}`,
              })),
          ),
        ],
        webSocket: webSocketApis.length > 0,
      },
      allowedHosts,
    );
    local = await RunningFunctions.start(
      functions.filter((fn) => servedIds.has(fn.id)),
      {
        envVars,
        log,
        watch: options.watch ?? false,
        projectDirs: [dirname(resolve(options.templatePath)), process.cwd()],
        suspendTimeouts: options.debugPort !== undefined,
        extraEnvironment: (fn): Record<string, string> => {
          const endpoint = connectionsEndpointFor(webSocketApis, fn.id, url);
          return endpoint === undefined ? {} : { AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI: endpoint };
        },
      },
    );
  } catch (error) {
    server.close();
    throw error;
  }
  for (const text of local.notices) notices.push({ subject: 'functions', text });
  for (const failure of local.buildFailures) {
    notices.push({
      subject: failure.functionId,
      text: `not built, so its invocations fail (502) until a save builds it: ${failure.message}${failure.fix === undefined ? '' : `; fix: ${failure.fix}`}`,
    });
  }
  for (const failure of local.initFailures) {
    notices.push({
      subject: failure.functionId,
      text: `init failed, so every invocation fails (502) until its code changes: ${failure.error.errorType}: ${failure.error.errorMessage}`,
    });
  }
  const gateway =
    webSocketApis.length === 0
      ? undefined
      : new WebSocketGateways(webSocketApis, local, reporter, (api) => ({
          allowedHosts,
          apiKeys: rest.apiKeys.of(api.id),
          ...(options.webSocketIdleTimeoutMs === undefined
            ? {}
            : { idleTimeoutMs: options.webSocketIdleTimeoutMs }),
          ...(options.webSocketMaxConnectionMs === undefined
            ? {}
            : { maxConnectionMs: options.webSocketMaxConnectionMs }),
        }));
  // Under a debugger the gateway waits as long as the function is held at a breakpoint.
  const apiTimeoutMs = options.debugPort === undefined ? options.apiTimeoutMs : DEBUG_TIMEOUT_MS;
  const restHandler = restRequestHandler(apis, local, {
    reporter,
    ...(apiTimeoutMs === undefined ? {} : { apiTimeoutMs }),
    ...(gateway === undefined ? {} : { otherRequests: gateway.connectionsRequest.bind(gateway) }),
    ...(httpApis.length === 0 ? {} : { otherApis: httpApiHandler(httpApis, local, apiTimeoutMs) }),
  });
  onRequest = (request, response) => {
    if (!consolePage(request, response)) restHandler(request, response);
  };
  ready(gateway === undefined ? {} : { upgrade: gateway.upgrade.bind(gateway) });
  // The template is read once; a change to it is announced rather than silently ignored.
  const templateWatch =
    options.watch === true
      ? watchFiles(options.templatePath, { ignoreInitial: true, atomic: true }).on('change', () => {
          log(
            `${options.templatePath} changed: restart to apply it (routes, functions and their settings are read at start-up)`,
          );
        })
      : undefined;
  const typeChecker =
    options.watch === true && options.typeCheck === true
      ? TypeChecker.start(dirname(resolve(options.templatePath)), log)
      : undefined;
  // The main thread's inspector: debuggers attach to each function's worker threads through it.
  const inspectorUrl = options.debugPort === undefined ? undefined : openInspector(options.debugPort);
  return {
    url,
    consoleUrl: `${url}${CONSOLE_PATH}/`,
    ...(inspectorUrl === undefined ? {} : { inspectorUrl }),
    apis,
    httpApis,
    webSocketApis,
    notices,
    close: async () => {
      await templateWatch?.close();
      typeChecker?.close();
      await gateway?.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await local.close();
      // Last, once no worker thread is left for a debugger to be attached to.
      if (inspectorUrl !== undefined) inspector.close();
    },
  };
}

function openInspector(port: number): string {
  inspector.open(port, '127.0.0.1');
  const url = inspector.url();
  if (url === undefined) throw new Error(`the debugger could not listen on port ${port}`);
  return url;
}
