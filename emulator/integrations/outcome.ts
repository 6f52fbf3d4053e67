import type { HttpReply } from '../gateway/http-reply';

/** What an integration's backend answered, before the integration responses map it. */
export type IntegrationOutcome =
  /** An HTTP backend, an AWS service or a MOCK: integration responses are selected by its status code. */
  | { kind: 'response'; status: number; headers: [string, string][]; body: Buffer }
  /** A function invoked without the proxy: selected by its error's message, the default one on success. */
  | { kind: 'lambda'; body: Buffer; errorMessage?: string }
  /** HTTP_PROXY: the backend's response, passed to the client as it is. */
  | { kind: 'proxied'; reply: HttpReply }
  /** The gateway's own answer: the backend could not be reached, timed out or is misconfigured. */
  | { kind: 'failed'; reply: HttpReply };
