import type { GlobalFlags } from '../options';
import { createAllocadenceClients } from '../../allocadence/client';
import { EXIT, UsageError } from '../../errors';
import { newStats } from '../../http/client';
import { DEFAULT_RETRY, type RetryPolicy } from '../../http/retry-policy';
import { safeJson } from '../../output/safe-text';
import { checkAllocadence } from './allocadence';
import { checkAmazon } from './amazon';
import { checkLocal } from './local';
import { recordShapes, type RecordSummary } from './record';
import { renderCheck } from './render';
import { checkTimeZone } from './time-zone';
import { allFeatures, type CheckFlags, type CheckRow } from './types';
import { registerSecrets } from '../../config/redact-secrets';
import { configPathOf, type Deps } from '../../deps';

/** A check should answer within seconds: a few quick retries, not a sync run's patience. */
const CHECK_RETRY: RetryPolicy = { ...DEFAULT_RETRY, maxAttempts: 3, maxTotalMs: 20_000, maxDelayMs: 5_000 };

/**
 * Before the first cron run: config, secrets and state file, then (unless offline) one harmless
 * call per remote API the tool uses. Exit 0 only when every enabled feature can work; 2 when the
 * config or secrets are wrong; 3 when a remote system refuses or lacks something, or (with
 * --record) answers in a shape the tool cannot read; 74 when the --record file cannot be written.
 */
export async function check(deps: Deps, global: GlobalFlags, opts: CheckFlags, directions: readonly string[]): Promise<number> {
  const local = checkLocal(() => configPathOf(deps, global), deps.env, global.shard);
  const rows: CheckRow[] = [...local.rows];
  const { config, secrets } = local;
  // --seller as the sync commands take it: a name the config does not list is a usage error.
  if (config && global.seller && !config.sellers.some((s) => s.name === global.seller)) {
    throw new UsageError(`no seller named "${global.seller}" in the config (known: ${config.sellers.map((s) => s.name).join(', ')})`);
  }
  if (secrets) registerSecrets(deps.redactor, secrets);
  const localFailed = rows.some((r) => r.result === 'fail');
  let record: RecordSummary | undefined;
  if (!opts.offline && config && secrets) {
    const sellers = global.seller ? config.sellers.filter((s) => s.name === global.seller) : config.sellers;
    const http = {
      deps: { clock: deps.clock, sleep: deps.sleep, random: deps.random, logger: deps.logger },
      stats: newStats(),
      retry: CHECK_RETRY,
    };
    rows.push(
      ...(await checkAmazon(
        {
          amazon: config.amazon,
          clientId: secrets.lwaClientId,
          clientSecret: secrets.lwaClientSecret,
          redactor: deps.redactor,
          directions,
          ...http,
        },
        sellers,
        secrets.refreshTokens,
      )),
    );
    const clients = createAllocadenceClients(config.allocadence, secrets, http.retry, http.deps, http.stats);
    rows.push(...(await checkAllocadence(clients, config)));
    const zone = await checkTimeZone(clients, config.allocadence.timeZone);
    rows.push(zone.row);
    if (opts.record) {
      const recorded = await recordShapes(clients, config, { file: opts.record, now: deps.clock(), zone: zone.finding });
      rows.push(...recorded.rows);
      record = recorded.summary;
    }
  } else if (!opts.offline) {
    rows.push({ area: 'remote', check: 'Amazon and Allocadence', result: 'skip', detail: 'not probed: fix the problems above first' });
  } else {
    rows.push({ area: 'remote', check: 'Amazon and Allocadence', result: 'skip', detail: 'not probed (--offline)' });
  }
  const blocked = [...new Set(rows.flatMap((r) => (r.result === 'fail' ? (r.blocks ?? []) : [])))];
  const code = localFailed ? EXIT.usage : blocked.length ? EXIT.remote : record && !record.written ? EXIT.localIo : EXIT.ok;
  const json = { ok: code === EXIT.ok, exitCode: code, offline: opts.offline, blocked, checks: rows, ...(record ? { record } : {}) };
  const output = global.json
    ? `${safeJson(JSON.stringify(json))}\n`
    : renderCheck(rows, blocked, code, opts.offline, allFeatures(directions));
  deps.out(deps.redactor.redact(output));
  return code;
}
