import type { GlobalFlags } from '../options';
import { lwaTokenUrl, spApiEndpoint } from '../../amazon/endpoints';
import { LwaTokenProvider } from '../../amazon/lwa';
import { createSpApiClient } from '../../amazon/sp-api';
import { environmentFor, secretsFrom } from '../../config/secrets';
import { readConfigFile } from '../../config/load';
import { errorMessage, EXIT, RemoteError, UsageError } from '../../errors';
import { newStats } from '../../http/client';
import { DEFAULT_RETRY } from '../../http/retry-policy';
import { safeJson, safeText } from '../../output/safe-text';
import { registerSecrets } from '../../config/redact-secrets';
import { configPathOf, type Deps } from '../../deps';
import { SMOKE_CASES, type SmokeCase } from './cases';

export interface SmokeFlags {
  /** Required: the sandbox inputs include writes meant for the sandbox alone. */
  sandbox: boolean;
}

interface SmokeResult {
  name: string;
  ok: boolean;
  detail: string;
}

async function runCase(c: SmokeCase, send: (c: SmokeCase) => Promise<unknown>): Promise<SmokeResult> {
  try {
    const data = await send(c);
    if (c.status >= 400) return { name: c.name, ok: false, detail: `expected HTTP ${c.status}, got a success` };
    return { name: c.name, ok: true, detail: c.check ? c.check(data) : 'answered' };
  } catch (err) {
    if (c.status >= 400 && err instanceof RemoteError && err.status === c.status && err.code) {
      return { name: c.name, ok: true, detail: `refused as documented: HTTP ${err.status} ${err.code}` };
    }
    return { name: c.name, ok: false, detail: errorMessage(err) };
  }
}

/**
 * Calls each SP-API operation the tool uses with the inputs Amazon's static sandbox documents and
 * checks each answer reads into the tool's own types. Only against the sandbox: some of these inputs
 * are writes (a feed, a shipment confirmation) that must never reach a real seller account.
 */
export async function smoke(deps: Deps, global: GlobalFlags, opts: SmokeFlags): Promise<number> {
  if (!opts.sandbox)
    throw new UsageError(
      "smoke only runs against Amazon's sandbox: pass --sandbox (its inputs include writes meant for the sandbox alone)",
    );
  const { config, configPath } = readConfigFile(configPathOf(deps, global), global.shard);
  const seller = global.seller ? config.sellers.find((s) => s.name === global.seller) : config.sellers[0];
  if (!seller) throw new UsageError(`no seller named "${global.seller}" in ${configPath}`);
  const { secrets, missing } = secretsFrom(config, environmentFor(configPath, deps.env));
  // Only Amazon is called: the warehouse's secrets may be absent in a CI job that smoke-tests a sandbox seller.
  const needed = missing.filter((m) =>
    ['LWA_CLIENT_ID', 'LWA_CLIENT_SECRET', seller.refreshTokenEnv].some((name) => m.startsWith(`${name} `)),
  );
  if (needed.length) throw new UsageError(`missing secrets for the sandbox:\n  ${needed.join('\n  ')}`);
  const refreshToken = secrets.refreshTokens[seller.name] ?? '';
  registerSecrets(deps.redactor, secrets);

  const amazon = { ...config.amazon, sandbox: true };
  const http = {
    deps: { clock: deps.clock, sleep: deps.sleep, random: deps.random, logger: deps.logger },
    stats: newStats(),
    retry: { ...DEFAULT_RETRY, maxAttempts: 3, maxTotalMs: 30_000 },
  };
  const lwa = new LwaTokenProvider({
    tokenUrl: lwaTokenUrl(amazon),
    clientId: secrets.lwaClientId,
    clientSecret: secrets.lwaClientSecret,
    timeoutMs: amazon.timeoutMs,
    redactor: deps.redactor,
    ...http,
  });
  const sp = createSpApiClient({ amazon, seller, refreshToken, lwa, ...http });
  deps.logger.info('smoke test against the SP-API sandbox', { endpoint: spApiEndpoint(amazon), seller: seller.name });

  const results: SmokeResult[] = [];
  for (const c of SMOKE_CASES) results.push(await runCase(c, async (x) => (await sp.request<unknown>(x.request)).data));
  const failed = results.filter((r) => !r.ok);
  if (global.json) {
    deps.out(safeJson(JSON.stringify({ ok: failed.length === 0, endpoint: spApiEndpoint(amazon), results })) + '\n');
  } else {
    const width = Math.max(...results.map((r) => r.name.length));
    for (const r of results) deps.out(`${r.name.padEnd(width)}  ${r.ok ? 'ok  ' : 'FAIL'}  ${safeText(r.detail)}\n`);
    deps.out(
      failed.length
        ? `\n${failed.length} of ${results.length} sandbox calls failed.\n`
        : `\nAll ${results.length} sandbox calls answered and read into the tool's types.\n`,
    );
  }
  return failed.length ? EXIT.remote : EXIT.ok;
}
