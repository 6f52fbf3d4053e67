// The made-up AWS account the emulator plays: every event, context, environment and pseudo parameter
// names these, so a function sees one consistent account, region and log stream.

export const LOCAL_ACCOUNT_ID = '123456789012';
export const LOCAL_REGION = 'us-east-1';
/** The `apiId` of every local API, in events and in the @connections endpoint's host. */
export const LOCAL_API_ID = 'local';
/** The stage of SAM's implicit REST API, and of an API that names none. */
export const DEFAULT_STAGE = 'Prod';

/** A Lambda log stream name for today, as CloudWatch names them: `2026/11/24/[$LATEST]local`. */
export function logStreamName(date = new Date()): string {
  return `${date.toISOString().slice(0, 10).replaceAll('-', '/')}/[$LATEST]local`;
}

export function logGroupName(functionName: string): string {
  return `/aws/lambda/${functionName}`;
}
