import { createHash } from 'node:crypto';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import type { HttpIamContext } from '../formats/proxy-v2-event-types';
import { LOCAL_ACCOUNT_ID } from '../shared/local-aws';

/** What the access line of a presigned request to an AWS_IAM method says. */
export const PRESIGNED_NOT_CHECKED = 'AWS_IAM: a presigned URL is let in without checking its signature';

/** What the access line of a request to an AWS_IAM method says: what only AWS can check. */
export const IAM_PERMISSIONS_NOT_CHECKED =
  "AWS_IAM: the caller's execute-api:Invoke permission is not checked locally";

/** A request as it arrived, for checking its signature. */
export interface SignedRequest {
  method: string;
  /** Path and query as sent. */
  url: string;
  /** [name, value, ...] as sent. */
  rawHeaders: string[];
  body: Buffer;
}

/** Who signed: what the event's identity can say of them locally. */
export interface IamCaller {
  accessKey: string;
  accountId: string;
}

export type SigV4Verdict =
  | { kind: 'unsigned' }
  /** A presigned URL: let in with its access key, its signature not checked. */
  | { kind: 'presigned'; accessKeyId: string }
  | { kind: 'valid'; caller: IamCaller }
  | { kind: 'refused'; message: string; errorType: string };

/**
 * The credentials a signature is checked against: the developer's (AWS_ACCESS_KEY_ID and
 * AWS_SECRET_ACCESS_KEY of the emulator's environment) and the local pair `test` / `test` that
 * local AWS tools use, so tests and scripts can sign without real keys.
 */
export function localSecrets(env: NodeJS.ProcessEnv = process.env): Map<string, string> {
  const secrets = new Map([['test', 'test']]);
  if (env.AWS_ACCESS_KEY_ID !== undefined && env.AWS_SECRET_ACCESS_KEY !== undefined)
    secrets.set(env.AWS_ACCESS_KEY_ID, env.AWS_SECRET_ACCESS_KEY);
  return secrets;
}

/** How far a signature's date may be from now ("Signature expired: ... (now - 5 min.)"). */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * Checks a Signature Version 4 `Authorization` header as API Gateway's AWS_IAM authorization does:
 * the access key must be known, the date within 5 minutes, and the signature the one its secret
 * makes for this request. The caller's IAM permissions cannot be known locally.
 */
export async function verifySigV4(
  request: SignedRequest,
  secrets: Map<string, string>,
  now = Date.now(),
): Promise<SigV4Verdict> {
  const headers = headerMap(request.rawHeaders);
  const authorization = headers.get('authorization');
  const query = new URLSearchParams(request.url.split('?')[1] ?? '');
  if (authorization === undefined || !authorization.startsWith('AWS4-HMAC-SHA256 ')) {
    const presigned = query.get('X-Amz-Algorithm') === 'AWS4-HMAC-SHA256' && query.has('X-Amz-Signature');
    const accessKeyId = query.get('X-Amz-Credential')?.split('/')[0];
    return presigned && accessKeyId !== undefined ? { kind: 'presigned', accessKeyId } : { kind: 'unsigned' };
  }
  const credential = /Credential=([^,\s]+)/.exec(authorization)?.[1];
  const signedHeaders = /SignedHeaders=([^,\s]+)/.exec(authorization)?.[1];
  const signature = /Signature=([0-9a-f]+)/.exec(authorization)?.[1];
  const missing = [
    ...(credential === undefined ? ["Authorization header requires 'Credential' parameter."] : []),
    ...(signature === undefined ? ["Authorization header requires 'Signature' parameter."] : []),
    ...(signedHeaders === undefined ? ["Authorization header requires 'SignedHeaders' parameter."] : []),
  ];
  const amzDate = headers.get('x-amz-date');
  if (amzDate === undefined)
    missing.push("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  if (missing.length > 0 || credential === undefined || signedHeaders === undefined || amzDate === undefined)
    return refused(`${missing.join(' ')} Authorization=${authorization}`, 'IncompleteSignatureException');
  const [accessKeyId = '', , region = '', service = ''] = credential.split('/');
  const secret = secrets.get(accessKeyId);
  if (secret === undefined)
    return refused('The security token included in the request is invalid.', 'UnrecognizedClientException');
  const signedAt = parseAmzDate(amzDate);
  if (signedAt === undefined)
    return refused(
      `Date must be in ISO-8601 'basic format'. Got '${amzDate}'.`,
      'IncompleteSignatureException',
    );
  if (signedAt < now - CLOCK_SKEW_MS)
    return refused(
      `Signature expired: ${amzDate} is now earlier than ${formatAmzDate(now - CLOCK_SKEW_MS)} (${formatAmzDate(now)} - 5 min.)`,
      'InvalidSignatureException',
    );
  if (signedAt > now + CLOCK_SKEW_MS)
    return refused(
      `Signature not yet current: ${amzDate} is still later than ${formatAmzDate(now + CLOCK_SKEW_MS)} (${formatAmzDate(now)} + 5 min.)`,
      'InvalidSignatureException',
    );
  // The payload's hash is the body's own: a signed x-amz-content-sha256 naming another body is a mismatch.
  const payloadHash = sha256Hex(request.body);
  const claimedHash = headers.get('x-amz-content-sha256');
  if (claimedHash !== undefined && claimedHash !== payloadHash && claimedHash !== 'UNSIGNED-PAYLOAD')
    return refused(SIGNATURE_MISMATCH, 'InvalidSignatureException');
  const names = signedHeaders.split(';');
  const toSign: Record<string, string> = {};
  for (const name of names) {
    const value = headers.get(name);
    if (value !== undefined) toSign[name] = value;
  }
  const expected = await new SignatureV4({
    service,
    region,
    credentials: { accessKeyId, secretAccessKey: secret },
    sha256: Hash.bind(null, 'sha256'),
  }).sign(
    {
      method: request.method,
      protocol: 'https:',
      hostname: headers.get('host') ?? '',
      path: decodePath(request.url.split('?')[0] ?? '/'),
      query: queryObject(query),
      headers: {
        ...toSign,
        'x-amz-content-sha256': claimedHash ?? payloadHash,
      },
      body: request.body,
    },
    {
      signingDate: new Date(signedAt),
      signableHeaders: new Set(names),
      unsignableHeaders: new Set(['x-amz-content-sha256']),
    },
  );
  const expectedSignature = /Signature=([0-9a-f]+)/.exec(String(expected.headers.authorization))?.[1];
  if (expectedSignature !== signature) return refused(SIGNATURE_MISMATCH, 'InvalidSignatureException');
  return { kind: 'valid', caller: { accessKey: accessKeyId, accountId: LOCAL_ACCOUNT_ID } };
}

const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

function refused(message: string, errorType: string): SigV4Verdict {
  return { kind: 'refused', message, errorType };
}

/** Header names in lower case; repeated values joined by commas, as SigV4's canonical headers join them. */
function headerMap(rawHeaders: string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    const name = (rawHeaders[index] ?? '').toLowerCase();
    const value = (rawHeaders[index + 1] ?? '').trim().replace(/\s+/g, ' ');
    const known = map.get(name);
    map.set(name, known === undefined ? value : `${known},${value}`);
  }
  return map;
}

function queryObject(query: URLSearchParams): Record<string, string | string[]> {
  const object: Record<string, string | string[]> = {};
  for (const key of new Set(query.keys())) {
    const values = query.getAll(key);
    object[key] = values.length === 1 ? (values[0] ?? '') : values;
  }
  return object;
}

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function sha256Hex(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}

/** `20261204T061500Z` → epoch ms. */
function parseAmzDate(text: string): number | undefined {
  const parsed = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (parsed === null) return undefined;
  const [, year, month, day, hour, minute, second] = parsed.map(Number);
  return Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1, hour ?? 0, minute ?? 0, second ?? 0);
}

function formatAmzDate(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** An HTTP API event's `authorizer.iam`: the access key and account; who the key belongs to only IAM knows. */
function iamContext(caller: IamCaller): HttpIamContext {
  return {
    accessKey: caller.accessKey,
    accountId: caller.accountId,
    callerId: null,
    cognitoIdentity: null,
    principalOrgId: null,
    userArn: null,
    userId: null,
  };
}

/**
 * AWS_IAM for the fronts that send payload 2.0 events (HTTP API routes, function URLs): why a request
 * is refused (each front words its 403), or the access line's note and, for a checked signature, the
 * event's `authorizer.iam`.
 */
export async function iamDecisionV2(
  { method, url, rawHeaders }: Omit<SignedRequest, 'body'>,
  body: Buffer,
): Promise<{ refused: string } | { note: string; iam?: HttpIamContext }> {
  const verdict = await verifySigV4({ method, url, rawHeaders, body }, localSecrets());
  switch (verdict.kind) {
    case 'unsigned':
      return { refused: 'AWS_IAM: the request is not signed with SigV4' };
    case 'refused':
      return { refused: `AWS_IAM: ${verdict.message}` };
    case 'presigned':
      return { note: PRESIGNED_NOT_CHECKED };
    case 'valid':
      return { note: IAM_PERMISSIONS_NOT_CHECKED, iam: iamContext(verdict.caller) };
  }
}
