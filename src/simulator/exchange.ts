import type http from 'node:http';

/** A request as simulator handlers see it: parsed once, body fully read. */
export interface SimRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** Handlers return a value instead of writing to the socket, so faults can replace or delay any answer. */
export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Raw bytes or text, sent as is (documents, malformed bodies). */
  raw?: Buffer | string;
}

export type SimHandler = (req: SimRequest) => SimResponse | Promise<SimResponse>;
