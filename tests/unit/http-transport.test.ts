import http from 'node:http';
import net from 'node:net';
import zlib from 'node:zlib';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { RemoteError } from '../../src/errors';
import { agentFor } from '../../src/http/agents';
import { HttpClient, newStats } from '../../src/http/client';
import { DEFAULT_RETRY } from '../../src/http/retry-policy';
import { exchange, TransportError } from '../../src/http/transport';
import { captureLogger } from '../helpers/capture-logger';
import { fakeTime } from '../helpers/fake-time';

const PROXY_VARS = ['HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'all_proxy', 'no_proxy'];
let savedEnv: Record<string, string | undefined>;
beforeEach(() => {
  savedEnv = Object.fromEntries(PROXY_VARS.map((k) => [k, process.env[k]]));
  for (const k of PROXY_VARS) Reflect.deleteProperty(process.env, k);
});
afterEach(() => {
  for (const k of PROXY_VARS) {
    const v = savedEnv[k];
    if (v === undefined) Reflect.deleteProperty(process.env, k);
    else process.env[k] = v;
  }
});

/** A raw TCP server on 127.0.0.1 that hands each connection's first bytes to `onData`. */
async function rawServer(onData: (socket: net.Socket, first: string) => void): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.once('data', (d: Buffer) => onData(socket, d.toString('latin1')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function answer(status: number, headers: Record<string, string | number>, body: Buffer | string = ''): string | Buffer {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body);
  const head = [`HTTP/1.1 ${status} X`, ...Object.entries({ ...headers, 'content-length': bytes.length }).map(([k, v]) => `${k}: ${v}`)];
  return Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`), bytes]);
}

function client(baseURL: string): HttpClient {
  const time = fakeTime();
  return new HttpClient({
    system: 'amazon',
    baseURL,
    timeoutMs: 5000,
    retry: { ...DEFAULT_RETRY, maxAttempts: 3 },
    deps: { clock: time.clock, sleep: time.sleep, random: () => 0.5, logger: captureLogger().logger },
    stats: newStats(),
    authHeaders: () => ({ 'x-amz-access-token': 'Atza|test-access-token' }),
    describeError: () => ({}),
  });
}

describe('bodies', () => {
  test('a body sent with Content-Encoding gzip (as S3 serves a stored gzip document) is unpacked', async () => {
    const packed = zlib.gzipSync(Buffer.from('{"ok":true}'));
    const server = await rawServer((s) => s.end(answer(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }, packed)));
    try {
      const res = await exchange({ method: 'GET', url: new URL(`http://127.0.0.1:${server.port}/doc`), headers: {} }, 5000);
      expect(res.body.toString()).toBe('{"ok":true}');
      expect(res.headers['content-encoding']).toBe('gzip');
    } finally {
      await server.close();
    }
  });

  test('a gzip body that does not unpack is a bad response (retried when the request may be resent), not data', async () => {
    const server = await rawServer((s) => s.end(answer(200, { 'content-encoding': 'gzip' }, 'not gzip at all')));
    try {
      const sent = exchange({ method: 'GET', url: new URL(`http://127.0.0.1:${server.port}/doc`), headers: {} }, 5000);
      await expect(sent).rejects.toMatchObject({ name: 'TransportError', code: 'ERR_BAD_RESPONSE' });
    } finally {
      await server.close();
    }
  });

  test('a socket silent for longer than the timeout ends the exchange with ETIMEDOUT', async () => {
    const server = await rawServer(() => undefined);
    try {
      const sent = exchange({ method: 'GET', url: new URL(`http://127.0.0.1:${server.port}/slow`), headers: {} }, 200);
      await expect(sent).rejects.toEqual(new TransportError('no answer within 200 ms', 'ETIMEDOUT'));
    } finally {
      await server.close();
    }
  });

  test('an answer cut off before its length is a reset connection', async () => {
    const server = await rawServer((s) => {
      s.write('HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{"half":');
      setTimeout(() => s.destroy(), 20);
    });
    try {
      const sent = exchange({ method: 'GET', url: new URL(`http://127.0.0.1:${server.port}/cut`), headers: {} }, 5000);
      await expect(sent).rejects.toMatchObject({ code: 'ECONNRESET' });
    } finally {
      await server.close();
    }
  });
});

describe('proxies from the environment', () => {
  test('no proxy variable: direct', () => {
    expect(agentFor(new URL('https://sellingpartnerapi-na.amazon.com/x'), 5000).agent).not.toBeInstanceOf(HttpsProxyAgent);
  });

  test('HTTPS_PROXY (or ALL_PROXY) carries https URLs; NO_PROXY exempts a host', () => {
    process.env.HTTPS_PROXY = 'http://proxy.example.test:3128';
    expect(agentFor(new URL('https://sellingpartnerapi-na.amazon.com/x'), 5000).agent).toBeInstanceOf(HttpsProxyAgent);
    process.env.NO_PROXY = '.amazon.com';
    expect(agentFor(new URL('https://sellingpartnerapi-na.amazon.com/x'), 5000).agent).not.toBeInstanceOf(HttpsProxyAgent);
    expect(agentFor(new URL('https://app.allocadence.com/rest'), 5000).agent).toBeInstanceOf(HttpsProxyAgent);
    Reflect.deleteProperty(process.env, 'HTTPS_PROXY');
    process.env.ALL_PROXY = 'http://proxy.example.test:3128';
    expect(agentFor(new URL('https://app.allocadence.com/rest'), 5000).agent).toBeInstanceOf(HttpsProxyAgent);
  });

  test('this host is never reached through a proxy: the simulators work under a site-wide proxy', async () => {
    process.env.HTTP_PROXY = 'http://127.0.0.1:9';
    process.env.HTTPS_PROXY = 'http://127.0.0.1:9';
    for (const host of ['127.0.0.1', 'localhost', '[::1]'])
      expect(agentFor(new URL(`https://${host}:8443/`), 5000).agent).not.toBeInstanceOf(HttpsProxyAgent);
    const server = http.createServer((_req, res) => res.end('{"direct":true}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const res = await client(`http://127.0.0.1:${(server.address() as net.AddressInfo).port}`).request<{ direct: boolean }>({
        operation: 'op',
        method: 'GET',
        path: '/x',
      });
      expect(res.data).toEqual({ direct: true });
    } finally {
      server.close();
    }
  });

  test('an https URL is tunnelled (CONNECT): the proxy sees the host, never the request or its credentials', async () => {
    const received: string[] = [];
    const proxy = await rawServer((s, first) => {
      received.push(first);
      s.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
    });
    process.env.HTTPS_PROXY = `http://127.0.0.1:${proxy.port}`;
    try {
      const err = await client('https://sellingpartnerapi-na.amazon.com')
        .request({ operation: 'getOrders', method: 'GET', path: '/orders/v0/orders' })
        .catch((e: unknown) => e);
      expect(received).toHaveLength(1);
      expect(received[0]).toMatch(/^CONNECT sellingpartnerapi-na\.amazon\.com:443 HTTP\/1\.1\r\n/);
      expect(received.join('')).not.toContain('Atza|');
      expect(received.join('')).not.toContain('/orders/v0/orders');
      // The proxy's 403 is not Amazon's: it must not read as rejected credentials.
      expect(err).toMatchObject({ kind: 'fatal', code: 'EPROXY_REFUSED' });
      expect((err as Error).message).toContain('the proxy (HTTPS_PROXY) refused the tunnel to sellingpartnerapi-na.amazon.com (HTTP 403)');
    } finally {
      await proxy.close();
    }
  });

  test('a proxy whose way out is down (CONNECT 502) reached nothing: even a write is tried again', async () => {
    let connects = 0;
    const proxy = await rawServer((s) => {
      connects++;
      s.end('HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\n\r\n');
    });
    process.env.HTTPS_PROXY = `http://127.0.0.1:${proxy.port}`;
    try {
      const err = await client('https://sellingpartnerapi-na.amazon.com')
        .request({ operation: 'createFeed', method: 'POST', path: '/feeds/2021-06-30/feeds', data: {} })
        .catch((e: unknown) => e);
      expect(connects).toBe(3);
      expect((err as Error).message).toContain(
        'the proxy could not reach sellingpartnerapi-na.amazon.com (HTTP 502) (gave up after 3 attempts)',
      );
    } finally {
      await proxy.close();
    }
  });

  test('a proxy that cannot be reached is named as the proxy; nothing was sent, so it is tried again', async () => {
    const closed = await rawServer(() => undefined);
    await closed.close();
    process.env.HTTPS_PROXY = `http://127.0.0.1:${closed.port}`;
    const err = await client('https://sellingpartnerapi-na.amazon.com')
      .request({ operation: 'createFeed', method: 'POST', path: '/feeds/2021-06-30/feeds', data: {} })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'fatal' });
    expect((err as Error).message).toMatch(
      /ECONNREFUSED: the proxy HTTPS_PROXY names: connect ECONNREFUSED 127\.0\.0\.1:\d+ \(gave up after 3 attempts\)/,
    );
  });

  test('a proxy that takes the connection but never answers CONNECT times out, and leaves no socket behind', async () => {
    const open = new Set<net.Socket>();
    const silent = net.createServer((socket) => {
      socket.resume(); // reads, so that the client's close is seen
      open.add(socket);
      socket.on('close', () => open.delete(socket));
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    process.env.HTTPS_PROXY = `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}`;
    try {
      const sent = exchange({ method: 'GET', url: new URL('https://sellingpartnerapi-na.amazon.com/x'), headers: {} }, 200);
      await expect(sent).rejects.toEqual(new TransportError('the proxy HTTPS_PROXY names opened no tunnel within 200 ms', 'EPROXY_FAILED'));
      for (let i = 0; i < 50 && open.size > 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(open.size).toBe(0);
    } finally {
      silent.close();
    }
  });

  test('CONNECT refused with 407: the proxy wants credentials, said plainly', async () => {
    const proxy = await rawServer((s) => s.end('HTTP/1.1 407 Proxy Authentication Required\r\ncontent-length: 0\r\n\r\n'));
    process.env.HTTPS_PROXY = `http://127.0.0.1:${proxy.port}`;
    try {
      const err = await client('https://sellingpartnerapi-na.amazon.com')
        .request({ operation: 'getOrders', method: 'GET', path: '/orders/v0/orders' })
        .catch((e: unknown) => e);
      expect(err).toMatchObject({ kind: 'fatal', code: 'EPROXY_REFUSED' });
      expect((err as Error).message).toContain('the proxy wants credentials (HTTP 407)');
    } finally {
      await proxy.close();
    }
  });

  test('a 407 answer (a proxy in the way that wants credentials) stops the run with a plain reason, not item by item', async () => {
    const proxy = await rawServer((s) =>
      s.end(answer(407, { 'proxy-authenticate': 'Basic realm="corp"', 'content-type': 'text/html' }, '<html>no</html>')),
    );
    try {
      const err = await client(`http://127.0.0.1:${proxy.port}/rest`)
        .request({ operation: 'listItems', method: 'GET', path: '/items' })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RemoteError);
      expect(err).toMatchObject({ kind: 'fatal', status: 407 });
      expect((err as RemoteError).message).toContain('the proxy wants credentials (HTTP 407)');
    } finally {
      await proxy.close();
    }
  });
});
