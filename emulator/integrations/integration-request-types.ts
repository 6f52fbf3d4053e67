/** What the integration is sent: its body, and the parameters the method's mappings give it. */
export interface IntegrationRequest {
  body: Buffer;
  /** The Content-Type the body is sent with. */
  contentType: string;
  headers: Record<string, string>;
  querystring: Record<string, string>;
  path: Record<string, string>;
  /** Whether a mapping template made the body (else the method request's body passes through). */
  mapped: boolean;
}
