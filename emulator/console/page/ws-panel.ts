// "Try a WebSocket API": any API and stage of the template; raw text or JSON frames; every frame
// sent and received with its time; the connection's id and how it closed.
import type { ConsoleInfo, OpenConnection } from '../protocol';
import { byId, clockTime, element, getJson } from './dom';

type Api = ConsoleInfo['webSocketApis'][number];

export function setUpWebSocket(apis: Api[]): void {
  const select = byId('ws-api') as HTMLSelectElement;
  select.replaceChildren(
    ...apis.map((api, index) => new Option(`${api.id} (stage ${api.stage})`, String(index))),
  );
  const connectButton = byId('ws-connect') as HTMLButtonElement;
  const disconnectButton = byId('ws-disconnect') as HTMLButtonElement;
  const sendButton = byId('ws-send') as HTMLButtonElement;
  const message = byId('ws-message') as HTMLTextAreaElement;
  const asJson = byId('ws-json') as HTMLInputElement;
  const state = byId('ws-state');
  const said = byId('ws-said');
  let socket: WebSocket | undefined;

  const query = byId('ws-query') as HTMLInputElement;
  const urlOf = (api: Api): string => {
    const search = query.value.trim().replace(/^\?/, '');
    return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${api.path}${search === '' ? '' : `?${search}`}`;
  };
  const showUrl = (): void => {
    const api = apis[Number(select.value)];
    byId('ws-url').textContent = api === undefined ? '' : urlOf(api);
  };
  select.addEventListener('change', showUrl);
  query.addEventListener('input', showUrl);
  showUrl();

  const connected = (open: boolean): void => {
    connectButton.disabled = open;
    select.disabled = open;
    query.disabled = open;
    disconnectButton.disabled = !open;
    sendButton.disabled = !open;
  };
  connectButton.addEventListener('click', () => {
    const api = apis[Number(select.value)];
    if (api === undefined) return;
    const clickedAt = Date.now();
    const opened = new WebSocket(urlOf(api));
    socket = opened;
    state.textContent = 'Connecting';
    byId('ws-connection').textContent = '';
    opened.addEventListener('open', () => {
      state.textContent = 'Connected';
      connected(true);
      log('event', `connected to ${urlOf(api)}`);
      void connectionIdOf(api, clickedAt).then((id) => {
        if (id !== undefined && socket === opened) byId('ws-connection').textContent = id;
      });
    });
    opened.addEventListener('close', (closed) => {
      state.textContent = `Closed ${closed.code}${closed.reason === '' ? '' : ` ${closed.reason}`}`;
      connected(false);
      log('event', `closed: code ${closed.code}${closed.reason === '' ? '' : `, ${closed.reason}`}`);
    });
    opened.addEventListener('message', (received: MessageEvent<unknown>) => {
      log('received', typeof received.data === 'string' ? received.data : '(a binary frame)');
    });
  });
  disconnectButton.addEventListener('click', () => {
    socket?.close(1000, 'closed from the console');
  });
  (byId('ws-form') as HTMLFormElement).addEventListener('submit', (submitted) => {
    submitted.preventDefault();
    const text = message.value;
    if (asJson.checked) {
      try {
        JSON.parse(text);
      } catch (error) {
        said.textContent = `Not JSON: ${error instanceof Error ? error.message : String(error)}`;
        return;
      }
    }
    said.textContent = '';
    socket?.send(text);
    log('sent', text);
  });
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-ws-example]'))
    button.addEventListener('click', () => {
      message.value = button.dataset.wsExample ?? '';
    });
}

/** The frames and events of this page's connections, newest first. */
function log(kind: 'sent' | 'received' | 'event', text: string): void {
  const item = element('li', undefined, `ws-${kind}`);
  const arrow = kind === 'sent' ? '↑ sent' : kind === 'received' ? '↓ received' : '•';
  item.append(
    element('time', clockTime(new Date())),
    ' ',
    element('strong', arrow),
    ' ',
    element('code', text),
  );
  byId('ws-log').prepend(item);
}

/**
 * The id the gateway gave this page's connection: the newest connection of the API opened since the
 * click. (A browser cannot read it: API Gateway tells it only to the functions.)
 */
async function connectionIdOf(api: Api, since: number): Promise<string | undefined> {
  const open = (await getJson('/_console/api/connections')) as OpenConnection[];
  return open
    .filter((connection) => connection.apiId === api.id && connection.connectedAt >= since - 1000)
    .at(-1)?.connectionId;
}
