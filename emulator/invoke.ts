// `sam-emulator invoke` (`npm run invoke -- [FunctionLogicalId] events/<file>.json`): one invocation, printed as
// `sam local invoke -e` prints it (logs on stderr, the result as JSON on stdout), with no Docker.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readEnvVarsFile } from './runtime/environment';
import { RunningFunctions } from './runtime/running-functions';
import { templateFunctions } from './template/functions';
import { readTemplate } from './template/template';

const USAGE =
  'usage: npm run invoke -- [FunctionLogicalId] <event.json> [--template template.yaml] [--env-vars env.json]';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { template: { type: 'string', default: 'template.yaml' }, 'env-vars': { type: 'string' } },
  });
  const functions = templateFunctions(readTemplate(values.template), values.template);
  const [first, second] = positionals;
  const eventPath = second ?? first;
  if (eventPath === undefined || positionals.length > 2) throw new Error(USAGE);
  const ids = functions.map((fn) => fn.id);
  const functionId = second === undefined ? (ids.length === 1 ? ids[0] : undefined) : first;
  const fn = functions.find((candidate) => candidate.id === functionId);
  if (fn === undefined) {
    const which = functionId === undefined ? 'name one' : `no function "${functionId}"`;
    throw new Error(`${which}: the template's functions are ${ids.join(', ')}`);
  }
  let event: unknown;
  try {
    event = JSON.parse(readFileSync(eventPath, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read the event ${eventPath}: ${(error as Error).message}`, { cause: error });
  }
  const envVars = values['env-vars'] === undefined ? {} : readEnvVarsFile(values['env-vars']);
  const local = await RunningFunctions.start([fn], { envVars });
  try {
    const started = performance.now();
    const invocation = local.invoke(fn.id, event);
    console.error(`START RequestId: ${invocation.awsRequestId} Version: $LATEST`);
    const outcome = await invocation.outcome;
    for (const line of invocation.logs) console.error(line);
    const ms = (performance.now() - started).toFixed(2);
    console.error(`END RequestId: ${invocation.awsRequestId}`);
    console.error(
      `REPORT RequestId: ${invocation.awsRequestId}\tDuration: ${ms} ms\tMemory Size: ${fn.memorySizeMb} MB`,
    );
    if (outcome.kind === 'result') {
      console.log(JSON.stringify(outcome.result));
    } else {
      const error =
        outcome.kind === 'timeout'
          ? {
              errorType: 'Sandbox.Timedout',
              errorMessage: `Task timed out after ${fn.timeoutSeconds}.00 seconds`,
            }
          : { ...outcome.error, stack: outcome.error.stack.split('\n') };
      console.log(JSON.stringify(error));
      process.exitCode = 1;
    }
  } finally {
    await local.close();
  }
}

main().catch((error: unknown) => {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
