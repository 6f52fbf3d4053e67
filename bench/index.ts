// `npm run bench`: every benchmark, each measured side by side with its baseline in this one run.
import { benchAuthorizer } from './authorizer';
import { benchDailyLoop } from './daily-loop';
import { benchHandlerCost } from './handler-cost';
import { benchIntegrations } from './integrations';
import { benchLocalServer } from './local-server';
import { benchSourceMaps } from './source-maps';
import { benchTemplateScale } from './template-scale';
import { benchReloadSoak } from './reload-soak';
import { benchWebSocket } from './websocket';

async function main(): Promise<void> {
  await benchHandlerCost();
  await benchLocalServer();
  await benchTemplateScale();
  await benchAuthorizer();
  await benchIntegrations();
  await benchReloadSoak();
  await benchDailyLoop();
  await benchWebSocket();
  await benchSourceMaps();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
