import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIGatewayProxyEvent, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';

export const EVENTS_DIR = join(__dirname, '..', '..', 'events');

/** Every sample event file name in events/, sorted. */
export function eventFileNames(): string[] {
  return readdirSync(EVENTS_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort();
}

export function readRestEvent(fileName: string): APIGatewayProxyEvent {
  return JSON.parse(readFileSync(join(EVENTS_DIR, fileName), 'utf8')) as APIGatewayProxyEvent;
}

export function readWebSocketEvent(fileName: string): APIGatewayProxyWebsocketEventV2 {
  return JSON.parse(readFileSync(join(EVENTS_DIR, fileName), 'utf8')) as APIGatewayProxyWebsocketEventV2;
}
