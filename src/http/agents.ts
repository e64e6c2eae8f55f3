import http from 'node:http';
import https from 'node:https';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { getProxyForUrl } from 'proxy-from-env';
import { isThisHost } from './this-host';

const direct = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
const viaProxy = new Map<string, http.Agent>();

/**
 * The connection pool for `url`: direct, or through the proxy HTTPS_PROXY (or ALL_PROXY) names,
 * unless NO_PROXY exempts its host; the usual rules, read on every request. The request travels
 * the proxy as a CONNECT tunnel, so the proxy never sees what is sent to Amazon or Allocadence.
 * Only https goes anywhere but this host (config refuses plain http elsewhere), and this host is
 * always reached directly, as curl and Go do for localhost: a site-wide proxy must not break `demo`.
 */
export function agentFor(url: URL): { agent: http.Agent; proxied: boolean } {
  if (url.protocol !== 'https:') return { agent: direct.http, proxied: false };
  const proxy = isThisHost(url.hostname) ? '' : getProxyForUrl(url);
  if (!proxy) return { agent: direct.https, proxied: false };
  let agent = viaProxy.get(proxy);
  if (!agent) viaProxy.set(proxy, (agent = new HttpsProxyAgent(proxy, { keepAlive: true })));
  return { agent, proxied: true };
}
