import { createLogger, type Logger } from '../../src/output/log';
import { Redactor } from '../../src/output/redact';

/** A JSON logger that keeps its lines, for tests that check what was logged (and what was not). */
export function captureLogger(redactor = new Redactor()): {
  logger: Logger;
  lines: string[];
  records: () => Record<string, unknown>[];
} {
  const lines: string[] = [];
  const logger = createLogger({ format: 'json', color: false, minLevel: 'debug', redactor, write: (l) => lines.push(l), clock: () => 0 });
  return { logger, lines, records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}
