import fs from 'node:fs';
import path from 'node:path';
import { errorMessage, UsageError } from '../errors';
import type { Config } from './schema';
import { findJsonProblem } from './json-position';
import { unreadable } from './file-errors';
import { inShard, type Shard } from './shard';
import { envFileWarning, environmentFor, missingRefreshTokens, readSecrets, secretsFrom, type Secrets } from './secrets';
import { validateSellersApart, type UnusableSeller } from './seller-apart';
import { validateConfig } from './validate';

export { isPlainHttpOffHost, validateConfig, type ParseResult } from './validate';

export interface LoadedConfig {
  config: Config;
  secrets: Secrets;
  /** Things worth telling the operator that do not stop a run (e.g. a `.env` others can read). */
  warnings: string[];
  /** Absolute path of the state database. */
  stateDbPath: string;
  configPath: string;
  /** Sellers left out of `config`: their own config or secrets are unusable (a sync command reports each as failed). */
  unusable: UnusableSeller[];
}

/** The JSON of a config file, or a UsageError saying why not: missing, a directory, unreadable, or not JSON (with line and column). */
export function readConfigJson(absolute: string): unknown {
  if (!fs.existsSync(absolute)) {
    throw new UsageError(`config file not found: ${absolute} (copy config.example.json, or pass --config <file>)`);
  }
  let text: string;
  try {
    // Editors on Windows may start the file with a byte-order mark, which JSON.parse refuses.
    text = fs.readFileSync(absolute, 'utf8').replace(/^\uFEFF/, '');
  } catch (err) {
    throw unreadable('config file', absolute, err);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const at = findJsonProblem(text);
    throw new UsageError(
      `${absolute} is not valid JSON: ${at ? `line ${at.line}, column ${at.column}: ${at.problem}` : errorMessage(err)}`,
    );
  }
}

/** Reads and validates a config file; throws UsageError listing every problem. Needs no secrets. */
export function readConfig(configPath: string): { config: Config; absolute: string } {
  const absolute = path.resolve(configPath);
  const result = validateConfig(readConfigJson(absolute));
  if (!result.ok) {
    throw new UsageError(`${absolute} has ${result.errors.length} problem(s):\n  ${result.errors.join('\n  ')}`);
  }
  return { config: result.config, absolute };
}

/** The config with only the sellers of `shard` (all of them without one). */
function ofShard(config: Config, shard: Shard | undefined): Config {
  return shard ? { ...config, sellers: config.sellers.filter((s) => inShard(s.name, shard)) } : config;
}

/**
 * Reads and validates the config file without touching secrets; throws UsageError listing every
 * problem. With `shard`, the config holds only that shard's sellers.
 */
export function readConfigFile(configPath: string, shard?: Shard): Omit<LoadedConfig, 'secrets' | 'warnings' | 'unusable'> {
  const { config, absolute } = readConfig(configPath);
  return { config: ofShard(config, shard), stateDbPath: path.resolve(path.dirname(absolute), config.stateDb), configPath: absolute };
}

/**
 * Reads, validates and resolves the config file and the secrets a sync command needs: the shared
 * ones and the refresh tokens of the sellers it runs (`only`, or every seller). Throws UsageError
 * listing every problem that stops the whole command. Without `only`, a seller whose own config
 * or refresh token is unusable is left out and listed in `unusable` instead: the others still run.
 * With `shard`, only that shard's sellers count: another shard's seller needs no secret here, and
 * its problems are that shard's to report.
 */
export function loadConfig(configPath: string, env: NodeJS.ProcessEnv, only?: string, shard?: Shard): LoadedConfig {
  const absolute = path.resolve(configPath);
  const result = validateSellersApart(readConfigJson(absolute), validateConfig);
  if (!result.ok) throw new UsageError(`${absolute} has ${result.errors.length} problem(s):\n  ${result.errors.join('\n  ')}`);
  const asked = only === undefined ? undefined : result.unusable.find((u) => u.seller === only);
  if (asked)
    throw new UsageError(`seller ${only} in ${absolute} has ${asked.problems.length} problem(s):\n  ${asked.problems.join('\n  ')}`);
  const config = ofShard(result.config, shard);
  const unusableHere = result.unusable.filter((u) => inShard(u.seller, shard));
  const environment = environmentFor(absolute, env);
  const names = config.sellers.map((s) => s.name).filter((name) => only === undefined || name === only);
  // With --seller the seller's own secret is as necessary as the shared ones: exit 2 naming it.
  const missing = only === undefined ? missingRefreshTokens(config, environment, names, absolute) : new Map<string, string>();
  // A shared secret missing stops every seller: then every missing secret is listed at once.
  const sharedMissing = secretsFrom(config, environment, names).missing.length > missing.size;
  const secrets = readSecrets(config, environment, absolute, sharedMissing ? names : names.filter((n) => !missing.has(n)));
  const unusable = [
    ...(only === undefined ? unusableHere : []),
    ...[...missing].map(([seller, problem]) => ({ seller, problems: [problem] })),
  ];
  const kept = { ...config, sellers: config.sellers.filter((s) => !missing.has(s.name)) };
  const warning = envFileWarning(absolute);
  return {
    config: kept,
    configPath: absolute,
    stateDbPath: path.resolve(path.dirname(absolute), config.stateDb),
    secrets,
    warnings: warning ? [warning] : [],
    unusable,
  };
}
