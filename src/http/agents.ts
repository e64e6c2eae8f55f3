import http from 'node:http';
import https from 'node:https';
import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { getProxyForUrl } from 'proxy-from-env';

const direct = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
const viaProxy = new Map<string, http.Agent>();

/**
 * The simulators and anything else on this host are reached directly even when a proxy is set,
 * as curl's and Go's defaults do for localhost: a site-wide HTTPS_PROXY must not break `demo`.
 */
function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/**
 * The connection pool for `url`: direct, or through the proxy that HTTPS_PROXY, HTTP_PROXY or
 * ALL_PROXY name for it unless NO_PROXY exempts its host (the usual rules, read on every request so
 * a test can change them). An https URL goes through the proxy as a CONNECT tunnel, so the proxy
 * never sees the credentials sent to Amazon or Allocadence.
 */
export function agentFor(url: URL): http.Agent {
  const secure = url.protocol === 'https:';
  const proxy = isLoopback(url.hostname) ? '' : getProxyForUrl(url);
  if (!proxy) return secure ? direct.https : direct.http;
  const key = `${secure ? 'https' : 'http'} ${proxy}`;
  let agent = viaProxy.get(key);
  if (!agent) {
    agent = secure ? new HttpsProxyAgent(proxy, { keepAlive: true }) : new HttpProxyAgent(proxy, { keepAlive: true });
    viaProxy.set(key, agent);
  }
  return agent;
}
