import http from 'node:http';
import https from 'node:https';
import type net from 'node:net';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { getProxyForUrl } from 'proxy-from-env';
import { isThisHost } from './this-host';

const direct = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
const viaProxy = new Map<string, http.Agent>();

/**
 * A CONNECT tunnel through the proxy that must open within `openMs`: a request has no socket of its
 * own, and so no timeout, until the tunnel is open, and a proxy that accepts the connection but
 * never answers would otherwise hold the run (and its lock) for good. The connection to the proxy
 * is made before the library's first wait, so an abort signal given with it reaches that socket.
 */
class TunnelAgent extends HttpsProxyAgent<string> {
  constructor(
    proxy: string,
    private readonly openMs: number,
  ) {
    super(proxy, { keepAlive: true });
  }

  override connect(req: http.ClientRequest, opts: Parameters<HttpsProxyAgent<string>['connect']>[1]): Promise<net.Socket> {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), this.openMs);
    const shared = this.connectOpts;
    this.connectOpts = { ...shared, signal: abort.signal };
    try {
      return super.connect(req, opts).finally(() => clearTimeout(timer));
    } finally {
      this.connectOpts = shared;
    }
  }
}

/**
 * The connection pool for `url`: direct, or through the proxy HTTPS_PROXY (or ALL_PROXY) names,
 * unless NO_PROXY exempts its host; the usual rules, read on every request. The request travels
 * the proxy as a CONNECT tunnel, so the proxy never sees what is sent to Amazon or Allocadence.
 * Only https goes anywhere but this host (config refuses plain http elsewhere), and this host is
 * always reached directly, as curl and Go do for localhost: a site-wide proxy must not break `demo`.
 */
export function agentFor(url: URL, timeoutMs: number): { agent: http.Agent; proxied: boolean } {
  if (url.protocol !== 'https:') return { agent: direct.http, proxied: false };
  const proxy = isThisHost(url.hostname) ? '' : getProxyForUrl(url);
  if (!proxy) return { agent: direct.https, proxied: false };
  const key = `${timeoutMs} ${proxy}`;
  let agent = viaProxy.get(key);
  if (!agent) viaProxy.set(key, (agent = new TunnelAgent(proxy, timeoutMs)));
  return { agent, proxied: true };
}
