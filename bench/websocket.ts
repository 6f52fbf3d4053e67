import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, statSync } from 'node:fs';
import WebSocket from 'ws';
import { bundleFunction, coldStart } from './bundle';
import { startServer, stop } from './processes';
import { median, printTable, ratio } from './stats';

const ROUND_TRIP_SECONDS = 5;
const CLIENTS = 20;

/** A stand-in @connections endpoint on loopback, so greet's first post completes without AWS. */
async function connectionsStub(): Promise<{ endpoint: string; close: () => void }> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => response.end());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { endpoint: `http://127.0.0.1:${port}/Prod`, close: () => server.close() };
}

async function coldStarts(): Promise<void> {
  const fn = await bundleFunction('WebSocketFunction');
  const stub = await connectionsStub();
  const env = {
    AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI: stub.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  const samples: Record<string, { requireMs: number; firstInvokeMs: number }[]> = { connect: [], greet: [] };
  try {
    for (let round = 0; round < 9; round++) {
      for (const [route, file] of [
        ['connect', 'ws-connect.json'],
        ['greet', 'ws-greet.json'],
      ] as const) {
        const event: unknown = JSON.parse(readFileSync(`events/${file}`, 'utf8'));
        samples[route]?.push(await coldStart(fn.bundlePath, { handlerExport: fn.handlerExport, event, env }));
      }
    }
  } finally {
    stub.close();
  }
  const row = (route: string): string[] => {
    const runs = samples[route] ?? [];
    return [
      route === 'connect' ? '$connect' : 'greet',
      median(runs.map((run) => run.requireMs)).toFixed(2),
      median(runs.map((run) => run.firstInvokeMs)).toFixed(2),
      median(runs.map((run) => run.requireMs + run.firstInvokeMs)).toFixed(2),
    ];
  };
  const [connect, greet] = [row('connect'), row('greet')];
  printTable(
    `WebSocket function cold start (bundle ${statSync(fn.bundlePath).size} bytes; median of 9 fresh processes)`,
    [
      ['route', 'require ms', 'first invocation ms', 'total ms'],
      connect,
      greet,
      ['greet / $connect', '', '', ratio(Number(greet[3]), Number(connect[3]))],
    ],
  );
}

/** Greet round trips per second over loopback: CLIENTS clients, each waiting for its reply. */
async function roundTrips(): Promise<void> {
  const local = await startServer(['emulator/launch.mjs', 'start-api', '--port', '0']);
  try {
    const url = local.url.replace(/^http/, 'ws');
    const clients = await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        const socket = new WebSocket(url);
        await once(socket, 'open');
        return socket;
      }),
    );
    const deadline = Date.now() + ROUND_TRIP_SECONDS * 1000;
    const latencies: number[] = [];
    await Promise.all(
      clients.map(async (socket, index) => {
        while (Date.now() < deadline) {
          const started = performance.now();
          socket.send(`{"action":"greet","name":"C${index}"}`);
          await once(socket, 'message');
          latencies.push(performance.now() - started);
        }
        socket.close();
      }),
    );
    printTable(
      `WebSocket round trips over loopback (npm start, ${CLIENTS} clients, ${ROUND_TRIP_SECONDS} s)`,
      [
        ['round trips/s', 'median ms', 'p99 ms'],
        [
          (latencies.length / ROUND_TRIP_SECONDS).toFixed(0),
          median(latencies).toFixed(1),
          (latencies.sort((a, b) => a - b)[Math.floor(latencies.length * 0.99)] ?? NaN).toFixed(1),
        ],
      ],
    );
  } finally {
    await stop(local.child);
  }
}

export async function benchWebSocket(): Promise<void> {
  await coldStarts();
  await roundTrips();
}
