// The baseline for the local API's load test: a bare node:http server computing the same greeting.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { greet } from '../hello-world/greeting';

const server = createServer((request, response) => {
  const query = new URL(request.url ?? '/', 'http://localhost').searchParams;
  const body = JSON.stringify({
    greeting: greet({ name: query.get('name') ?? 'you', city: query.get('city') ?? 'World' }),
  });
  response.writeHead(200, { 'Content-Type': 'application/json' });
  response.end(body);
});
server.listen(0, '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
