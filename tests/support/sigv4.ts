import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';

/** The headers an SDK sends for a SigV4-signed execute-api request, with the local `test` / `test` keys by default. */
export async function sigV4Headers(
  url: string,
  options: {
    method?: string;
    body?: string;
    accessKeyId?: string;
    secret?: string;
    date?: Date;
    headers?: Record<string, string>;
  } = {},
): Promise<Record<string, string>> {
  const target = new URL(url);
  const signer = new SignatureV4({
    service: 'execute-api',
    region: 'us-east-1',
    credentials: { accessKeyId: options.accessKeyId ?? 'test', secretAccessKey: options.secret ?? 'test' },
    sha256: Hash.bind(null, 'sha256'),
  });
  const signed = await signer.sign(
    {
      method: options.method ?? 'GET',
      protocol: target.protocol,
      hostname: target.hostname,
      port: Number(target.port),
      path: target.pathname,
      query: Object.fromEntries(target.searchParams),
      headers: { host: target.host, ...options.headers },
      ...(options.body === undefined ? {} : { body: options.body }),
    },
    options.date === undefined ? {} : { signingDate: options.date },
  );
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(signed.headers)) if (name !== 'host') headers[name] = value;
  return headers;
}
