import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { frontDoor, type Gateway } from '../../../emulator/gateway/front-door';
import { gatewayReply } from '../../../emulator/gateway/http-reply';
import { InvocationReporter } from '../../../emulator/gateway/invocation-report';

/** A gateway that owns the paths under `prefix` and answers with its name, the path and the body. */
function namedGateway(name: string, prefix: string): Gateway {
  return {
    owns: (_method, path) => path.startsWith(prefix),
    answer: (_request, path, body) => ({
      http: gatewayReply(200, `${name} ${path} ${body.toString('utf8')}`),
    }),
  };
}

describe('the front door', () => {
  let server: Server;
  let url: string;
  const lines: string[] = [];

  beforeAll(async () => {
    const failing: Gateway = {
      owns: (_method, path) => path === '/boom',
      answer: () => Promise.reject(new Error('gateway failed')),
    };
    const reporter = new InvocationReporter((line) => lines.push(line));
    server = createServer(
      frontDoor([failing, namedGateway('first', '/first'), namedGateway('last', '/last')], reporter),
    );
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.close();
    await once(server, 'close');
  });

  it('hands a request to the first gateway that owns it, with the path and the body read', async () => {
    const response = await fetch(`${url}/first/x?q=1`, { method: 'POST', body: 'hello' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ message: 'first /first/x hello' });
  });

  it('hands what no gateway owns to the last one', async () => {
    const response = await fetch(`${url}/nobody`);
    expect(await response.json()).toEqual({ message: 'last /nobody ' });
  });

  it('answers 500 when a gateway fails, logs why, and goes on serving', async () => {
    const failed = await fetch(`${url}/boom`);
    expect(failed.status).toBe(500);
    expect(await failed.json()).toEqual({ message: 'Internal server error' });
    expect(lines.join('\n')).toContain('GET /boom 500 the emulator failed');
    expect(lines.join('\n')).toContain('Error: gateway failed');
    expect((await fetch(`${url}/first`)).status).toBe(200);
  });

  it('writes one access line per request with method, URL and status', async () => {
    lines.length = 0;
    await fetch(`${url}/last/y?a=b`);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^GET \/last\/y\?a=b 200 \d+ ms$/);
  });
});
