import { request as httpRequest } from 'node:http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './temp-dirs';
import { startLocalApi, type LocalApi, type LocalApiOptions } from '../../emulator/local-api';

export const FIXTURE_TEMPLATE = join(__dirname, '..', 'fixtures', 'emulator', 'template.yaml');
export const PROJECT_TEMPLATE = join(__dirname, '..', '..', 'template.yaml');

export interface RunningApi extends LocalApi {
  /** Every line the emulator printed, in order. */
  lines: string[];
}

/** Starts the local API on a free loopback port, printing into `lines` instead of the terminal. */
export async function startApi(
  templatePath: string,
  options: Partial<LocalApiOptions> = {},
): Promise<RunningApi> {
  const lines: string[] = [];
  const api = await startLocalApi({
    templatePath,
    host: '127.0.0.1',
    port: 0,
    log: (line) => lines.push(line),
    ...options,
  });
  // Assigned, not spread: the APIs are getters that follow the template as last applied.
  return Object.assign(api, { lines });
}

export interface RawResponse {
  status: number;
  rawHeaders: string[];
  body: Buffer;
}

/**
 * A request with headers sent exactly as given, repeated names and spelling included (fetch would
 * merge them), for the cases where what goes on the wire matters.
 */
export function rawRequest(
  url: string,
  options: { method?: string; headers?: [string, string][]; body?: Buffer | string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    // A raw header list replaces Node's defaults, Host included.
    const headers = [['Host', new URL(url).host], ...(options.headers ?? [])].flat();
    const request = httpRequest(url, { method: options.method ?? 'GET', headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        resolve({
          status: response.statusCode ?? 0,
          rawHeaders: response.rawHeaders,
          body: Buffer.concat(chunks),
        });
      });
    });
    request.on('error', reject);
    request.end(options.body);
  });
}

/** Waits until `check` passes, polling: for effects that happen on another thread or process. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  /** What explains a timeout (the emulator's last lines), added to its message. */
  context?: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(`condition not met in time${context === undefined ? '' : `\n${context()}`}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A template written out as `template.yaml` in a folder of its own: its path. */
export function templateFile(prefix: string, text: string): string {
  const path = join(tempDir(prefix), 'template.yaml');
  writeFileSync(path, text);
  return path;
}

/**
 * Starts the local API before the tests of the describe block it is called in and closes it after
 * them; the returned function gives the running API.
 */
export function serveDuringSuite(
  templatePath: string,
  options: Partial<LocalApiOptions> = {},
): () => RunningApi {
  let api: RunningApi | undefined;
  beforeAll(async () => {
    api = await startApi(templatePath, options);
  });
  afterAll(async () => {
    await api?.close();
  });
  return () => {
    if (api === undefined) throw new Error('the local API is not running: call this inside a test');
    return api;
  };
}
