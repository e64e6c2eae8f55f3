import { basicAuthValue } from '../allocadence/client';
import type { Redactor } from '../output/redact';
import type { Secrets } from './secrets';

/** Every secret value, and the Basic header made of two of them, is redacted from whatever the run prints or stores. */
export function registerSecrets(redactor: Redactor, secrets: Secrets): void {
  const values = [
    secrets.lwaClientSecret,
    secrets.allocadenceApiSecret,
    secrets.allocadenceSecureKey,
    secrets.allocadenceApiKey,
    secrets.lwaClientId,
    basicAuthValue(secrets),
  ];
  for (const value of [...values, ...Object.values(secrets.refreshTokens)]) redactor.add(value);
}
