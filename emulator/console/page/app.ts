// The local console: try any route, invoke any function, talk to any WebSocket API, and see every
// request, invocation, stage and log line. Served by `npm start` under /_console/; it talks only to
// the server that served it.
import type { ConsoleInfo, InvocationSummary } from '../protocol';
import { setUpDetails } from './details';
import { getJson } from './dom';
import { setUpInspector, showTypes } from './inspector';
import { setUpInvokeForm } from './invoke-form';
import { setUpTryForm } from './try-form';
import { setUpWebSocket } from './ws-panel';
import { byId } from './dom';

async function main(): Promise<void> {
  const [info, invocations] = (await Promise.all([
    getJson('/_console/api/info'),
    getJson('/_console/api/invocations'),
  ])) as [ConsoleInfo, InvocationSummary[]];
  showTypes(info.types);
  setUpTryForm(info.routes);
  setUpInvokeForm(info.functions, info.events);
  if (info.webSocketApis.length > 0) setUpWebSocket(info.webSocketApis);
  else byId('ws-section').hidden = true;
  setUpDetails();
  setUpInspector(invocations);
}

void main();
