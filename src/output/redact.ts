/**
 * Removes secrets from any text before it is logged, printed or stored. Known secret values are
 * registered at start-up (and access tokens as they are issued); token-shaped strings are caught
 * by pattern too, so a value we never saw still does not leak.
 */
export class Redactor {
  private readonly values = new Set<string>();

  add(value: string | undefined): void {
    // Very short values would blank out ordinary words; real secrets are long.
    if (value && value.length >= 6) this.values.add(value);
  }

  redact(text: string): string {
    let out = text;
    for (const value of this.values) out = out.split(value).join('[REDACTED]');
    return (
      out
        .replace(/Atz[ar]\|[A-Za-z0-9._\-|+/=]+/g, '[REDACTED]')
        .replace(/Atz\.sprdt\|[A-Za-z0-9._\-|+/=]+/g, '[REDACTED]')
        .replace(/(basic|bearer)\s+[A-Za-z0-9._\-+/=]{8,}/gi, '$1 [REDACTED]')
        // A password inside a URL, as a proxy's (HTTPS_PROXY=http://user:password@host:port) may be.
        .replace(/(:\/\/[^\s:/@]+:)[^\s/@]+@/g, '$1[REDACTED]@')
        .replace(
          /("?(?:client_secret|refresh_token|access_token|securekey|x-amz-access-token|authorization|apiSecret)"?\s*[:=]\s*"?)[^"&,\s}]+/gi,
          '$1[REDACTED]',
        )
    );
  }

  /** Redacts every string inside a JSON-able value. */
  redactValue<T>(value: T): T {
    // JSON.stringify gives undefined, whatever its type says, for undefined itself.
    const json = JSON.stringify(value) as unknown;
    return JSON.parse(this.redact(typeof json === 'string' ? json : 'null')) as T;
  }
}
