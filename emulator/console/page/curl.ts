// "Copy as curl": a request as a shell command that sends it again, as browsers' devtools write it.

export interface CurlRequest {
  method: string;
  /** Absolute. */
  url: string;
  headers: [string, string][];
  body: string;
  bodyBase64: boolean;
}

/** Headers curl sets itself from the command. */
const LEFT_TO_CURL = new Set(['host', 'content-length', 'connection']);

const quote = (text: string): string => `'${text.replaceAll("'", "'\\''")}'`;

export function curlCommand({ method, url, headers, body, bodyBase64 }: CurlRequest): string {
  const parts = ['curl'];
  if (method === 'HEAD') parts.push('--head');
  else if (method !== 'GET' || body !== '') parts.push(`-X ${method}`);
  parts.push(quote(url));
  for (const [name, value] of headers)
    if (!LEFT_TO_CURL.has(name.toLowerCase())) parts.push(`-H ${quote(`${name}: ${value}`)}`);
  if (body !== '') parts.push(bodyBase64 ? '--data-binary @-' : `--data-raw ${quote(body)}`);
  const command = parts.join(' \\\n  ');
  // Bytes that are not text go through base64 -d, so the command stays copyable text.
  return bodyBase64 && body !== '' ? `printf %s ${quote(body)} | base64 -d | ${command}` : command;
}
