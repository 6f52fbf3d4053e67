import { dirname, resolve } from 'node:path';
import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import inspector from 'node:inspector';
import type { Duplex } from 'node:stream';
import type { ConsoleInfo } from './console/protocol';
import { eventFiles } from './console/event-files';
import { RecentInvocations } from './console/recent-invocations';
import { CONSOLE_PATH, consoleRequestHandler } from './console/request-handler';
import { TypeStatus } from './console/type-status';
import { frontDoor } from './gateway/front-door';
import { functionUrlGateway } from './function-urls/function-url-gateway';
import type { FunctionUrl } from './template/function-urls';
import { lambdaInvokeEndpoint } from './lambda-api/invoke-endpoint';
import { InvocationReporter } from './gateway/invocation-report';
import { answerAsRequest } from './gateway/non-websocket-upgrade';
import { httpApiGateway } from './http-api/request-handler';
import { restGateway } from './rest/request-handler';
import { TypeChecker } from './runtime/build/type-checker';
import { readEnvVarsFile, undeclaredOverrides, type EnvVarsFile } from './runtime/environment';
import { DEBUG_TIMEOUT_MS, RunningFunctions } from './runtime/running-functions';
import { listen, serverUrl } from './shared/http-server';
import { terminalLines } from './shared/terminal-lines';
import { appChanges } from './template/app-changes';
import type { FunctionSpec } from './template/functions';
import { httpRouteLabel, type HttpApi } from './template/http-api-model';
import type { Notice } from './template/notices';
import { IMPLICIT_API, restRouteLabel, type RestApi } from './template/rest-api-model';
import { readTemplateApp, type TemplateApp, type TemplateReading } from './template/template-app';
import { watchTemplate } from './template/template-watch';
import type { WebSocketApi } from './template/websocket-apis';
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
  /** The REST APIs, the implicit one first (of the template as last applied). */
  readonly apis: RestApi[];
  /** The HTTP APIs, the implicit one first. */
  readonly httpApis: HttpApi[];
  readonly webSocketApis: WebSocketApi[];
  /** The functions the local Invoke API answers for, by logical id. */
  readonly functionIds: string[];
  /** Each function URL's local address (a template change does not move or add them: restart). */
  functionUrls: { id: string; functionId: string; url: string; authType: string }[];
  /** The inspector's WebSocket URL, with `debugPort`. */
  inspectorUrl?: string;
  /** What of the template is not served, or served differently, each with its logical id: at start-up. */
  notices: Notice[];
  close: () => Promise<void>;
}

/**
 * The whole pipeline: template → routes → (per request) event → invoke → result, for every REST,
 * HTTP and WebSocket API of the template, on one port; with `watch`, the template's changes applied
 * as they are saved.
 */
export async function startLocalApi(options: LocalApiOptions): Promise<LocalApi> {
  const log = options.log ?? terminalLines();
  // The address the server listens on is the user's choice of host, unless it is every address.
  const allowedHosts = [
    ...(options.allowedHosts ?? []),
    ...(['0.0.0.0', '::', ''].includes(options.host) ? [] : [options.host]),
  ];
  const reading: TemplateReading = {
    templatePath: options.templatePath,
    generatedKeys: new Map(),
    ...(options.parameterOverrides === undefined ? {} : { parameterOverrides: options.parameterOverrides }),
  };
  let app = readTemplateApp(reading);
  const notices = [...app.notices];
  const envVars = options.envVarsPath === undefined ? {} : readEnvVarsFile(options.envVarsPath);
  for (const line of envVarsWarnings(envVars, app.declaredFunctionIds, app.functions)) log(line);

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
  const recent = new RecentInvocations();
  const reporter = new InvocationReporter(log);
  reporter.onInvocation((invocation) => {
    recent.record(invocation);
  });
  const typeStatus = new TypeStatus();
  const consolePage = consoleRequestHandler(
    recent,
    () => ({ ...consoleInfo(app, dirname(resolve(options.templatePath))), types: typeStatus.diagnostics }),
    allowedHosts,
    typeStatus,
    // Called only once the server serves, when webSockets exists.
    () => webSockets.openConnections(),
  );
  try {
    local = await RunningFunctions.start(app.functions, {
      envVars,
      log,
      watch: options.watch ?? false,
      projectDirs: [dirname(resolve(options.templatePath)), process.cwd()],
      suspendTimeouts: options.debugPort !== undefined,
      // Read at each (re)start of a function: the template as last applied.
      extraEnvironment: (fn): Record<string, string> => {
        const endpoint = connectionsEndpointFor(app.webSocketApis, fn.id, url);
        return {
          // A function's LambdaClient reaches the other functions here, unless the developer points it elsewhere.
          ...(process.env.AWS_ENDPOINT_URL_LAMBDA === undefined ? { AWS_ENDPOINT_URL_LAMBDA: url } : {}),
          // The SDK puts it in its User-Agent (`app/<id>`): how the console links an invocation to its caller.
          ...(process.env.AWS_SDK_UA_APP_ID === undefined ? { AWS_SDK_UA_APP_ID: fn.id } : {}),
          ...(endpoint === undefined ? {} : { AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI: endpoint }),
        };
      },
    });
  } catch (error) {
    server.close();
    throw error;
  }
  const webSockets = new WebSocketGateways(local, reporter, (api) => ({
    allowedHosts,
    apiKeys: app.apiKeys.of(api.id),
    ...(options.webSocketIdleTimeoutMs === undefined
      ? {}
      : { idleTimeoutMs: options.webSocketIdleTimeoutMs }),
    ...(options.webSocketMaxConnectionMs === undefined
      ? {}
      : { maxConnectionMs: options.webSocketMaxConnectionMs }),
  }));
  await webSockets.update(app.webSocketApis);
  // Under a debugger the gateway waits as long as the function is held at a breakpoint.
  const apiTimeoutMs = options.debugPort === undefined ? options.apiTimeoutMs : DEBUG_TIMEOUT_MS;
  // The front door's gateways in the order they claim a request; the last answers what none owns.
  const handlerFor = (served: TemplateApp): RequestListener =>
    frontDoor(
      [
        ...(served.webSocketApis.length === 0 ? [] : [webSockets.connections]),
        lambdaInvokeEndpoint(local, () => served.functionNames, reporter),
        restGateway(served.apis, local, apiTimeoutMs === undefined ? {} : { apiTimeoutMs }),
        ...(served.httpApis.length === 0 ? [] : [httpApiGateway(served.httpApis, local, apiTimeoutMs)]),
      ],
      reporter,
    );
  let apiHandler = handlerFor(app);
  onRequest = (request, response) => {
    if (!consolePage(request, response)) apiHandler(request, response);
  };
  ready({
    upgrade: async (request, socket, head) => {
      if (app.webSocketApis.length === 0) socket.destroy();
      else await webSockets.upgrade(request, socket, head);
    },
  });
  // Each function URL on an address of its own, as Lambda gives each its own domain: the port after
  // the API's (and after each other), or any free port when the API's is chosen by the system.
  const urlServers: { url: FunctionUrl; server: Server; address: string }[] = [];
  for (const [index, functionUrl] of app.functionUrls.entries()) {
    const urlServer = createServer(frontDoor([functionUrlGateway(functionUrl, local)], reporter));
    const port = options.port === 0 ? 0 : options.port + 1 + index;
    try {
      await listen(urlServer, port, options.host);
    } catch (error) {
      notices.push({
        subject: functionUrl.id,
        text: `its function URL is not served: port ${port} cannot be listened on (${error instanceof Error ? error.message : String(error)})`,
      });
      continue;
    }
    urlServers.push({ url: functionUrl, server: urlServer, address: serverUrl(urlServer) });
  }
  // Requests are served from here on, each waiting for its own function only; start-up is done when
  // every function has been built and has started once.
  try {
    await local.ready;
  } catch (error) {
    await webSockets.close();
    server.closeAllConnections();
    server.close();
    for (const { server: urlServer } of urlServers) urlServer.close();
    await local.close();
    throw error;
  }
  for (const text of local.notices) notices.push({ subject: 'functions', text });
  notices.push(...functionFailureNotices(local));

  // Each saved version of the template, applied in turn: the next request runs it.
  const apply = async (): Promise<void> => {
    let next: TemplateApp;
    try {
      next = readTemplateApp(reading);
    } catch (error) {
      log(`${error instanceof Error ? error.message : String(error)}: still serving the previous template`);
      return;
    }
    const previous = app;
    const changes = appChanges(previous, next);
    app = next;
    try {
      await local.update(next.functions);
      await webSockets.update(next.webSocketApis);
      apiHandler = handlerFor(next);
      local.retireAllBut(next.functions);
    } catch (error) {
      log(
        `${options.templatePath} could not be applied: ${error instanceof Error ? error.message : String(error)}`,
      );
      return;
    }
    log(`${options.templatePath} applied: ${changes.join('; ') || 'nothing that is served changed'}`);
    const said = new Set(previous.notices.map(noticeLine));
    for (const notice of next.notices) if (!said.has(noticeLine(notice))) log(`  ${noticeLine(notice)}`);
    for (const notice of functionFailureNotices(local)) log(`  ${noticeLine(notice)}`);
  };
  let applying = Promise.resolve();
  const templateWatch =
    options.watch === true
      ? await watchTemplate(options.templatePath, () => {
          applying = applying.then(apply);
        })
      : undefined;
  const typeChecker =
    options.watch === true && options.typeCheck === true
      ? TypeChecker.start(dirname(resolve(options.templatePath)), log, (diagnostics) => {
          typeStatus.set(diagnostics);
        })
      : undefined;
  // The main thread's inspector: debuggers attach to each function's worker threads through it.
  const inspectorUrl = options.debugPort === undefined ? undefined : openInspector(options.debugPort);
  return {
    url,
    consoleUrl: `${url}${CONSOLE_PATH}/`,
    ...(inspectorUrl === undefined ? {} : { inspectorUrl }),
    get apis() {
      return app.apis;
    },
    get httpApis() {
      return app.httpApis;
    },
    get webSocketApis() {
      return app.webSocketApis;
    },
    get functionIds() {
      return app.functions.map((fn) => fn.id);
    },
    functionUrls: urlServers.map(({ url: functionUrl, address }) => ({
      id: functionUrl.id,
      functionId: functionUrl.functionId,
      url: `${address}/`,
      authType: functionUrl.authType,
    })),
    notices,
    close: async () => {
      await templateWatch?.close();
      await applying;
      typeChecker?.close();
      await webSockets.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      for (const { server: urlServer } of urlServers) {
        urlServer.closeAllConnections();
        await new Promise((resolve) => urlServer.close(resolve));
      }
      await local.close();
      // Last, once no worker thread is left for a debugger to be attached to.
      if (inspectorUrl !== undefined) inspector.close();
    },
  };
}

function noticeLine(notice: Notice): string {
  return `${notice.subject}: ${notice.text}`;
}

/** The functions that cannot serve yet: not built, or failing their init. */
function functionFailureNotices(local: RunningFunctions): Notice[] {
  return [
    ...local.buildFailures.map((failure) => ({
      subject: failure.functionId,
      text: `not built, so its invocations fail (502) until a save builds it: ${failure.message}${failure.fix === undefined ? '' : `; fix: ${failure.fix}`}`,
    })),
    ...local.initFailures.map((failure) => ({
      subject: failure.functionId,
      text: `init failed, so every invocation fails (502) until its code changes: ${failure.error.errorType}: ${failure.error.errorMessage}`,
    })),
  ];
}

/** What --env-vars names that the template does not have. */
function envVarsWarnings(envVars: EnvVarsFile, declaredIds: string[], functions: FunctionSpec[]): string[] {
  const lines: string[] = [];
  for (const id of Object.keys(envVars)) {
    if (id !== 'Parameters' && !declaredIds.includes(id))
      lines.push(`--env-vars: the template has no function ${id}; its variables are ignored`);
  }
  for (const fn of functions) {
    const ignored = undeclaredOverrides(fn, envVars);
    if (ignored.length > 0)
      lines.push(`--env-vars: ${fn.id} does not declare ${ignored.join(', ')} in the template; ignored`);
  }
  return lines;
}

/** The routes the console's "try it" form offers. */
function consoleInfo(app: TemplateApp, templateDir: string): Omit<ConsoleInfo, 'types'> {
  return {
    routes: [
      ...app.apis.flatMap((api) =>
        api.routes.map((route) => ({
          label: restRouteLabel(api, route),
          method: route.method,
          path: api.id === IMPLICIT_API ? route.resourcePath : `/${api.stage}${route.resourcePath}`,
        })),
      ),
      ...app.httpApis.flatMap((api) =>
        api.routes
          .filter((route) => route.routeKey !== '$default')
          .map((route) => ({
            label: httpRouteLabel(api, route),
            method: route.method,
            path: `${api.stage === '$default' ? '' : `/${api.stage}`}${route.path}`,
          })),
      ),
    ],
    webSocketApis: app.webSocketApis.map((api, index) => ({
      id: api.id,
      stage: api.stage,
      path: index === 0 ? '/' : `/${api.stage}`,
    })),
    functions: app.functions.map((fn) => fn.id),
    events: eventFiles(templateDir),
  };
}

function openInspector(port: number): string {
  inspector.open(port, '127.0.0.1');
  const url = inspector.url();
  if (url === undefined) throw new Error(`the debugger could not listen on port ${port}`);
  return url;
}
