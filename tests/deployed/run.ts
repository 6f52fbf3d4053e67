// `npm run test:deployed`: the deployed-stack suite, against the stack AWS_SAM_STACK_NAME names.
// No stack name: one line and exit 0. A stack that cannot be read: one line and exit 1.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { cloudFormationClient, resolveStackUrls, StackOutputsError } from './stack-outputs';

async function main(): Promise<number> {
  const stackName = process.env.AWS_SAM_STACK_NAME;
  if (stackName === undefined || stackName === '') {
    console.log(
      'deployed tests skipped: set AWS_SAM_STACK_NAME to the stack sam deploy made (e.g. hello-world-greeting-api)',
    );
    return 0;
  }
  // The SDK's notice about Node 20 is about its own future releases, not the stack: keep the
  // outcome to one line.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const urls = await resolveStackUrls(cloudFormationClient(), stackName);
  console.log(`testing stack ${stackName}: ${urls.restUrl} and ${urls.webSocketUrl}`);
  const root = join(__dirname, '..', '..');
  const jest = spawnSync(
    process.execPath,
    [join(root, 'node_modules', 'jest', 'bin', 'jest.js'), '--config', join(root, 'jest.deployed.config.js')],
    {
      stdio: 'inherit',
      env: { ...process.env, DEPLOYED_REST_URL: urls.restUrl, DEPLOYED_WEBSOCKET_URL: urls.webSocketUrl },
    },
  );
  return jest.status ?? 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`error: ${error instanceof StackOutputsError ? error.message : String(error)}`);
    process.exit(1);
  },
);
