import fs from 'node:fs';
import path from 'node:path';
import dotenv from 'dotenv';
import { UsageError } from '../errors';
import { unreadable } from './file-errors';
import type { Config } from './schema';

/** Secrets live only in the environment or the `.env` beside the config file, never in config.json. */
export interface Secrets {
  lwaClientId: string;
  lwaClientSecret: string;
  /** Refresh token per seller name. */
  refreshTokens: Record<string, string>;
  allocadenceApiKey: string;
  allocadenceApiSecret: string;
  allocadenceSecureKey: string;
}

/** A `.env` holding secrets that other users of the machine can read. */
export function envFileWarning(configPath: string): string | undefined {
  const envFile = path.join(path.dirname(configPath), '.env');
  if (!fs.existsSync(envFile) || process.platform === 'win32') return undefined;
  const mode = fs.statSync(envFile).mode & 0o777;
  return mode & 0o077 ? `${envFile} holds secrets and is readable by others (mode ${mode.toString(8)}): chmod 600 ${envFile}` : undefined;
}

/** The environment a run sees: the process environment wins over the `.env` file beside the config. */
export function environmentFor(configPath: string, env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const envFile = path.join(path.dirname(configPath), '.env');
  if (!fs.existsSync(envFile)) return { ...env };
  let text: Buffer;
  try {
    text = fs.readFileSync(envFile);
  } catch (err) {
    throw unreadable('secrets file', envFile, err);
  }
  return { ...dotenv.parse(text), ...env };
}

/**
 * The secrets found, and a line per missing one (`NAME (what it is)`), so `check` can list them all.
 * Refresh tokens only of `sellers` (every seller's by default): a run for one seller needs no other's.
 */
export function secretsFrom(
  config: Config,
  env: Record<string, string | undefined>,
  sellers: readonly string[] = config.sellers.map((s) => s.name),
): { secrets: Secrets; missing: string[] } {
  const missing: string[] = [];
  const need = (name: string, why: string): string => {
    const value = env[name]?.trim();
    if (!value) missing.push(`${name} (${why})`);
    return value ?? '';
  };
  const secrets: Secrets = {
    lwaClientId: need('LWA_CLIENT_ID', 'the SP-API application client id'),
    lwaClientSecret: need('LWA_CLIENT_SECRET', 'the SP-API application client secret'),
    refreshTokens: Object.fromEntries(
      config.sellers
        .filter((s) => sellers.includes(s.name))
        .map((s) => [s.name, need(s.refreshTokenEnv, `refresh token of seller ${s.name}`)]),
    ),
    allocadenceApiKey: need('ALLOCADENCE_API_KEY', 'Allocadence API key'),
    allocadenceApiSecret: need('ALLOCADENCE_API_SECRET', 'Allocadence API secret'),
    allocadenceSecureKey: need('ALLOCADENCE_SECURE_KEY', 'Allocadence legacy SecureKey, used to cancel orders'),
  };
  return { secrets, missing };
}

/**
 * Where the missing secrets could have come from, for the error: the environment, or the `.env`
 * beside the config, named, and said to be missing when it is (the usual cause on a new install).
 */
export function secretsSource(configPath: string): string {
  const envFile = path.join(path.dirname(configPath), '.env');
  return fs.existsSync(envFile)
    ? `the environment or ${envFile}`
    : `the environment or ${envFile}, which does not exist (copy .env.example there, mode 0600)`;
}

/** The sellers (of `sellers`) whose refresh token is missing, each with the line saying which variable. */
export function missingRefreshTokens(
  config: Config,
  env: Record<string, string | undefined>,
  sellers: readonly string[],
  configPath: string,
): Map<string, string> {
  const missing = new Map<string, string>();
  for (const s of config.sellers) {
    if (sellers.includes(s.name) && !env[s.refreshTokenEnv]?.trim())
      missing.set(
        s.name,
        `missing or empty secret ${s.refreshTokenEnv} (refresh token of seller ${s.name}); set it in ${secretsSource(configPath)}`,
      );
  }
  return missing;
}

export function readSecrets(
  config: Config,
  env: Record<string, string | undefined>,
  configPath: string,
  sellers?: readonly string[],
): Secrets {
  const { secrets, missing } = secretsFrom(config, env, sellers);
  if (missing.length) {
    throw new UsageError(`missing or empty secrets; set them in ${secretsSource(configPath)}:\n  ${missing.join('\n  ')}`);
  }
  return secrets;
}
