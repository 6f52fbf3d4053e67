import { findHeader } from '../formats/parameter-maps';

/** What the access line of a signed request to an AWS_IAM route says. */
export const IAM_NOT_VERIFIED = 'AWS_IAM: signature and permissions not verified locally';

/**
 * Whether a request carries a Signature Version 4 signature, in its Authorization header or in a
 * presigned URL's query, and the access key id it names. An AWS_IAM method refuses a request
 * without one (403 Missing Authentication Token); the signature itself and the caller's IAM
 * permissions can only be checked by AWS.
 */
export function sigV4AccessKey(
  headers: Record<string, string> | null,
  query: URLSearchParams,
): { signed: false } | { signed: true; accessKeyId: string } {
  const authorization = findHeader(headers, 'authorization');
  const credential =
    authorization?.startsWith('AWS4-HMAC-SHA256 ') === true
      ? /Credential=([^/,\s]+)/.exec(authorization)?.[1]
      : query.get('X-Amz-Algorithm') === 'AWS4-HMAC-SHA256' && query.has('X-Amz-Signature')
        ? query.get('X-Amz-Credential')?.split('/')[0]
        : undefined;
  return credential === undefined ? { signed: false } : { signed: true, accessKeyId: credential };
}
