/**
 * An HTTP request as a gateway received it, the one model every event is built from: header names
 * as the client spelt them, in order. Plain data, so it can travel to a function's instance.
 */
export interface IncomingRequest {
  method: string;
  /** The path and query, as sent. */
  url: string;
  /** [name, value, name, value, ...] */
  rawHeaders: string[];
  /** Null when the request has no body: an empty one would still cost a buffer to send to the instance. */
  body: Uint8Array | null;
  sourceIp: string;
  protocol: string;
  host: string;
}
