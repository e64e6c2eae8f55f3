import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SimHandler, SimRequest, SimResponse } from './exchange';
import type { Fault, FaultPlan } from './faults';

export type { SimHandler, SimRequest, SimResponse } from './exchange';

/** What a simulator remembers of each request, for tests that check what the remote system received. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string;
  /** 0 when the connection was dropped without an answer. */
  status: number;
  fault?: string;
  /** On a faulted request whose handler ran: what the handler answered, whatever was sent (or not) instead. */
  handledStatus?: number;
}

/**
 * A request as a listener sees it, twice: `received` once its body is read and before any fault or
 * handler runs; `answered` once the answer was handed to the socket. Admin routes are not shown.
 */
export interface RequestEvent {
  phase: 'received' | 'answered';
  method: string;
  path: string;
  query: URLSearchParams;
  body: Buffer;
  /** The status sent; `answered` only. */
  status?: number;
}

/**
 * Called synchronously, so a test can act at exactly that point (kill its client, say). Whatever
 * the listener does short of throwing, the request is still handled: a client that dies at `received` leaves a
 * write that took effect and an answer nobody reads.
 */
export type RequestListener = (event: RequestEvent) => void;

export interface RunningServer {
  origin: string;
  /** Adds a listener; the returned function removes it. */
  onRequest(listener: RequestListener): () => void;
  close(): Promise<void>;
}

export function json(status: number, body: unknown, headers?: Record<string, string>): SimResponse {
  return headers ? { status, body, headers } : { status, body };
}

export function parseJsonBody(req: SimRequest): unknown {
  if (req.body.length === 0) return undefined;
  try {
    return JSON.parse(req.body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function flatten(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

async function readAll(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function send(res: http.ServerResponse, out: SimResponse, now: () => number, onFinish?: () => void): void {
  // RFC 9110 §6.6.1: an origin server with a clock sends Date in its answers. From the simulator's
  // own clock (not Node's automatic one), so a test that moves that clock moves the header with it.
  const headers: Record<string, string> = { date: new Date(now()).toUTCString(), ...(out.headers ?? {}) };
  let payload: Buffer | string = '';
  if (out.raw !== undefined) payload = out.raw;
  else if (out.body !== undefined) {
    payload = JSON.stringify(out.body);
    headers['content-type'] ??= 'application/json';
  }
  res.writeHead(out.status, headers);
  if (onFinish) res.once('finish', onFinish);
  res.end(payload);
}

async function answer(
  handler: SimHandler,
  req: SimRequest,
  fault: Fault | undefined,
): Promise<{ out: SimResponse; handledStatus?: number }> {
  if (fault?.drop === 'before') return { out: { status: 0 } };
  if (fault?.before) return { out: fault.before };
  try {
    fault?.effect?.();
    if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
    const out = await handler(req);
    if (!fault) return { out };
    // A fault after the handler ran models a write that took effect but whose answer was lost.
    return { out: fault.after?.(out) ?? out, handledStatus: out.status };
  } catch (err) {
    return { out: json(500, { errors: [{ code: 'InternalFailure', message: String(err) }] }) };
  }
}

function record(req: SimRequest, status: number, fault: Fault | undefined, handledStatus: number | undefined): RecordedRequest {
  const entry: RecordedRequest = {
    method: req.method,
    path: req.path,
    query: Object.fromEntries(req.query.entries()),
    headers: flatten(req.headers),
    body: req.body.toString('utf8'),
    status,
  };
  if (!fault || !(fault.applied?.() ?? true)) return entry;
  entry.fault = fault.kind;
  if (handledStatus !== undefined) entry.handledStatus = handledStatus;
  return entry;
}

/**
 * Serves `handler` on 127.0.0.1 (never another interface). Admin routes (`/__sim/…`) are exempt
 * from faults so tests and demos can always set the world up.
 */
export async function startServer(
  handler: SimHandler,
  opts: { port?: number; faults?: FaultPlan; log?: RecordedRequest[]; now?: () => number } = {},
): Promise<RunningServer> {
  const listeners = new Set<RequestListener>();
  const tell = (event: RequestEvent): void => {
    for (const l of [...listeners]) l(event);
  };
  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const simReq: SimRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: await readAll(req),
      };
      const admin = simReq.path.startsWith('/__sim/');
      const seen = { method: simReq.method, path: simReq.path, query: simReq.query, body: simReq.body };
      if (!admin) tell({ phase: 'received', ...seen });
      const fault = admin ? undefined : opts.faults?.draw(simReq);
      const { out, handledStatus } = await answer(handler, simReq, fault);
      if (!admin && opts.log) opts.log.push(record(simReq, fault?.drop ? 0 : out.status, fault, handledStatus));
      if (fault?.drop === 'after' && fault.holdMs) await new Promise((r) => setTimeout(r, fault.holdMs).unref());
      if (fault?.drop) res.destroy();
      else
        send(
          res,
          out,
          opts.now ?? Date.now,
          admin || listeners.size === 0 ? undefined : () => tell({ phase: 'answered', ...seen, status: out.status }),
        );
    })().catch(() => res.destroy());
  });
  // Longer than any client's own idle timeout (fetch's 4 s, Node's agent 5 s), so the client always
  // closes an idle connection first. A server closing one just as a client reuses it is a reset the
  // client cannot tell from a fault; the simulator injects those only on purpose (`--faults reset`).
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    onRequest(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
