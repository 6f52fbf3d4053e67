// `sam-emulator invoke` (`npm run invoke -- [FunctionLogicalId] events/<file>.json`): one invocation, printed as
// `sam local invoke -e` prints it (logs and the REPORT line on stderr, the result as JSON on stdout),
// with no Docker. A WebSocket event's @connections calls go to a local endpoint for this one run.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readEnvVarsFile } from './runtime/environment';
import { reportLine } from './runtime/report-line';
import { RunningFunctions } from './runtime/running-functions';
import { DEFAULT_STAGE } from './shared/local-aws';
import { spreadOptionValues } from './shared/option-values';
import { templateFunctions } from './template/functions';
import { loadTemplate } from './template/load-template';
import { ConnectionsRecorder } from './websocket/connections-recorder';

const USAGE =
  'usage: npm run invoke -- [FunctionLogicalId] <event.json> [--template template.yaml] [--env-vars env.json] [--parameter-overrides Key=Value ...]';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    args: spreadOptionValues(process.argv.slice(2), '--parameter-overrides'),
    allowPositionals: true,
    options: {
      template: { type: 'string', default: 'template.yaml' },
      'env-vars': { type: 'string' },
      'parameter-overrides': { type: 'string', multiple: true },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const read = loadTemplate(values.template, values['parameter-overrides']);
  const { functions, notices } = templateFunctions(read.template, values.template);
  notices.unshift(...read.notices);
  const [first, second] = positionals;
  const eventPath = second ?? first;
  if (eventPath === undefined || positionals.length > 2) throw new Error(USAGE);
  const ids = functions.map((fn) => fn.id);
  const functionId = second === undefined ? (ids.length === 1 ? ids[0] : undefined) : first;
  const fn = functions.find((candidate) => candidate.id === functionId);
  if (fn === undefined) {
    const notServed = notices.find((notice) => notice.subject === functionId);
    const which =
      notServed !== undefined
        ? `${functionId}: ${notServed.text}`
        : functionId === undefined
          ? 'name one'
          : `no function "${functionId}"`;
    throw new Error(`${which}: the template's functions are ${ids.join(', ')}`);
  }
  let event: unknown;
  try {
    event = JSON.parse(readFileSync(eventPath, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read the event ${eventPath}: ${(error as Error).message}`, { cause: error });
  }
  for (const notice of notices.filter((n) => n.subject === fn.id))
    console.error(`${notice.subject}: ${notice.text}`);
  const envVars = values['env-vars'] === undefined ? {} : readEnvVarsFile(values['env-vars']);
  const connections = isWebSocketEvent(event)
    ? await ConnectionsRecorder.start(event.requestContext.stage ?? DEFAULT_STAGE, (call) => {
        console.error(
          `@connections ${call.method} ${call.connectionId}${call.body === '' ? '' : `: ${call.body}`}`,
        );
      })
    : undefined;
  const local = await RunningFunctions.start([fn], {
    envVars,
    projectDirs: [dirname(resolve(values.template)), process.cwd()],
    ...(connections === undefined
      ? {}
      : { extraEnvironment: () => ({ AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI: connections.endpoint }) }),
  });
  try {
    await local.ready;
    for (const notice of local.notices) console.error(notice);
    const invocation = local.invoke(fn.id, event);
    console.error(`START RequestId: ${invocation.awsRequestId} Version: $LATEST`);
    const outcome = await invocation.outcome;
    for (const line of invocation.logs) console.error(line);
    console.error(`END RequestId: ${invocation.awsRequestId}`);
    const metrics = outcome.kind === 'timeout' ? undefined : outcome.metrics;
    console.error(
      reportLine(
        invocation.awsRequestId,
        fn.memorySizeMb,
        metrics,
        outcome.kind === 'timeout' ? fn.timeoutSeconds * 1000 : undefined,
      ),
    );
    if (outcome.kind === 'result') {
      console.log(JSON.stringify(outcome.result));
    } else {
      const error =
        outcome.kind === 'timeout'
          ? {
              errorType: 'Sandbox.Timedout',
              errorMessage: `Task timed out after ${fn.timeoutSeconds.toFixed(2)} seconds`,
            }
          : { ...outcome.error, stack: outcome.error.stack.split('\n') };
      console.log(JSON.stringify(error));
      process.exitCode = 1;
    }
  } finally {
    await local.close();
    await connections?.close();
  }
}

function isWebSocketEvent(
  event: unknown,
): event is { requestContext: { connectionId: string; stage?: string } } {
  const context = (event as { requestContext?: { connectionId?: unknown } } | null)?.requestContext;
  return typeof context?.connectionId === 'string';
}

main().catch((error: unknown) => {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
