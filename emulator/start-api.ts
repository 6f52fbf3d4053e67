// `sam-emulator start-api` (`npm start`): the template's API on this machine, with no Docker and no
// AWS account.
import { restRouteTarget } from './template/rest-api-model';
import { parseArgs } from 'node:util';
import { startLocalApi } from './local-api';
import { spreadOptionValues } from './shared/option-values';

const USAGE = `usage: npm start -- [options]
  --port 3000                      the port to listen on (0: any free one)
  --host 127.0.0.1                 the address to listen on
  --template template.yaml         the SAM template to serve
  --env-vars env.json              variables per function id (or "Parameters"), as sam local takes them
  --parameter-overrides K=V K2=V2  template parameters, as sam local takes them (also ParameterKey=K,ParameterValue=V and file://params.json)
  --debug-port 9229                the Node inspector for the functions (timeouts suspended)
  --no-type-check                  do not run the TypeScript checker beside the server
  --allowed-hosts name,.domain     hosts the console and @connections answer besides localhost
  --api-timeout-ms 29000           the integration timeout (REST 29 s, HTTP APIs 30 s), for trying it out
  --ws-idle-timeout-ms 600000      a WebSocket connection's idle time, for trying it out
  --ws-max-connection-ms 7200000   a WebSocket connection's maximum time, for trying it out
  --help                           this list`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: spreadOptionValues(process.argv.slice(2), '--parameter-overrides'),
    options: {
      port: { type: 'string', default: '3000' },
      host: { type: 'string', default: '127.0.0.1' },
      template: { type: 'string', default: 'template.yaml' },
      'env-vars': { type: 'string' },
      'api-timeout-ms': { type: 'string' },
      'allowed-hosts': { type: 'string' },
      'parameter-overrides': { type: 'string', multiple: true },
      'debug-port': { type: 'string' },
      'ws-idle-timeout-ms': { type: 'string' },
      'ws-max-connection-ms': { type: 'string' },
      'no-type-check': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const whole = (name: string, value: string | undefined): number | undefined => {
    if (value === undefined) return undefined;
    const number = Number(value);
    if (!Number.isInteger(number) || number < 0)
      throw new Error(`--${name} must be a whole number, got ${value}`);
    return number;
  };
  for (const name of ['debug-port', 'api-timeout-ms', 'ws-idle-timeout-ms', 'ws-max-connection-ms'] as const)
    whole(name, values[name]);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be a port number, got ${values.port}`);
  const started = performance.now();
  const local = await startLocalApi({
    templatePath: values.template,
    host: values.host,
    port,
    watch: true,
    typeCheck: !values['no-type-check'],
    ...(values['env-vars'] === undefined ? {} : { envVarsPath: values['env-vars'] }),
    ...(values['api-timeout-ms'] === undefined ? {} : { apiTimeoutMs: Number(values['api-timeout-ms']) }),
    ...(values['debug-port'] === undefined ? {} : { debugPort: Number(values['debug-port']) }),
    ...(values['parameter-overrides'] === undefined
      ? {}
      : { parameterOverrides: values['parameter-overrides'] }),
    ...(values['ws-idle-timeout-ms'] === undefined
      ? {}
      : { webSocketIdleTimeoutMs: Number(values['ws-idle-timeout-ms']) }),
    ...(values['ws-max-connection-ms'] === undefined
      ? {}
      : { webSocketMaxConnectionMs: Number(values['ws-max-connection-ms']) }),
    ...(values['allowed-hosts'] === undefined
      ? {}
      : { allowedHosts: values['allowed-hosts'].split(',').map((host) => host.trim()) }),
  });
  // Before the banner: whoever waits for it may stop the server the moment it appears.
  const stop = (): void => {
    void local.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  console.log(
    `Local API Gateway from ${values.template}, ready in ${(performance.now() - started).toFixed(0)} ms:`,
  );
  for (const api of local.apis) {
    console.log(`  ${api.id} (stage ${api.stage}; its URLs also work under /${api.stage})`);
    for (const route of api.routes) {
      const target = restRouteTarget(route);
      console.log(`    ${route.method.padEnd(7)} ${local.url}${route.resourcePath}  → ${target}`);
    }
  }
  for (const api of local.httpApis) {
    const prefix = api.stage === '$default' ? '' : `/${api.stage}`;
    console.log(`  ${api.id} (HTTP API, stage ${api.stage})`);
    for (const route of api.routes) {
      const url =
        route.routeKey === '$default' ? `${local.url}${prefix}/*` : `${local.url}${prefix}${route.path}`;
      console.log(
        `    ${(route.routeKey === '$default' ? '$default' : route.method).padEnd(7)} ${url}  → ${route.functionId ?? 'not emulated: answers 500'}`,
      );
    }
  }
  for (const [index, webSocket] of local.webSocketApis.entries()) {
    const routes =
      [
        ...[...webSocket.routes].map(([key, id]) => `${key} → ${id}`),
        ...[...webSocket.integrations].map(
          ([key, integration]) =>
            `${key} → ${integration.functionId ?? integration.type} (${integration.type} integration)`,
        ),
      ].join(', ') || 'no route served';
    const path = index === 0 ? '' : `/${webSocket.stage}`;
    console.log(`  WS      ${local.url.replace(/^http/, 'ws')}${path}  (${webSocket.id}: ${routes})`);
  }
  for (const functionUrl of local.functionUrls)
    console.log(
      `  URL     ${functionUrl.url}  (${functionUrl.id}: function URL of ${functionUrl.functionId}, AuthType ${functionUrl.authType})`,
    );
  if (local.functionIds.length > 0)
    console.log(
      `  Lambda  ${local.url}  (Invoke API for ${local.functionIds.join(', ')}: new LambdaClient({ endpoint }), aws lambda invoke --endpoint-url; functions' own LambdaClient calls come here)`,
    );
  console.log(`  Console ${local.consoleUrl}  (every event, result and log line; this machine only)`);
  if (local.inspectorUrl !== undefined) {
    console.log(
      `  Debug   ${local.inspectorUrl}  (attach VS Code or chrome://inspect; functions' timeouts are off while you debug)`,
    );
  }
  const routes = [...local.apis, ...local.httpApis].reduce((count, api) => count + api.routes.length, 0);
  if (routes === 0 && local.webSocketApis.length === 0) {
    console.log(
      local.httpApis.length > 0
        ? `No route of ${values.template} is served: every request answers 404 {"message":"Not Found"}, as an HTTP API answers an unknown path.`
        : `No route of ${values.template} is served: every request answers 403 {"message":"Missing Authentication Token"}, as API Gateway answers an unknown path.`,
    );
  }
  if (local.notices.length > 0) {
    console.log('Not emulated, or emulated differently:');
    for (const notice of local.notices) console.log(`  ${notice.subject}: ${notice.text}`);
  }
  console.log('Code and template changes are applied on save. Ctrl-C stops.');
}

main().catch((error: unknown) => {
  console.error(`error: ${describeStartError(error)}`);
  process.exit(1);
});

function describeStartError(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'EADDRINUSE') {
    const port = (error as { port?: number }).port;
    return `port ${port ?? ''} is in use: stop what holds it or choose another with --port`;
  }
  if (code === 'EADDRNOTAVAIL') return 'that --host is not an address of this machine';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `${(error as Error).message}\n${USAGE}`;
  return error instanceof Error ? error.message : String(error);
}
