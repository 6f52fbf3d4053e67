// `npm run bench`: every benchmark, each measured side by side with its baseline in this one run.
import { benchHandlerCost } from './handler-cost';
import { benchLocalServer } from './local-server';
import { benchReloadSoak } from './reload-soak';
import { benchWebSocket } from './websocket';

async function main(): Promise<void> {
  await benchHandlerCost();
  await benchLocalServer();
  await benchReloadSoak();
  await benchWebSocket();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
