import fs from 'node:fs';
import { DEFAULT_ACCOUNT_TIME_ZONE } from '../../allocadence/account-time';
import type { AllocadenceClients } from '../../allocadence/client';
import { VERSION } from '../../version';
import type { Config } from '../../config/schema';
import { errorMessage } from '../../errors';
import { Recording, rowsIn, type CallRecord, type ReadAnswer } from './record-calls';
import { compareCall, type ComparedCall } from './record-compare';
import { expectations } from './record-expect';
import { readInertWrites, readShippingOrders } from './record-legacy';
import { readItems, readOrders, readStock } from './record-rest';
import { envelopeOf } from './record-shape';
import type { ZoneFinding } from './time-zone';
import { FEATURES, type CheckRow } from './types';
import { iso } from '../../time';

export type Verdict = 'as expected' | 'accepted alternative' | 'mismatch' | 'no rows' | 'not read' | 'recorded only';

export interface RecordSummary {
  file: string;
  written: boolean;
  calls: number;
  mismatches: number;
  alternatives: number;
}

const AREA = 'allocadence shape';

function rowCount(a: ReadAnswer): number {
  const env = envelopeOf(a.body);
  return env.kind === 'object' && !env.listKey ? 1 : rowsIn(a.body).length;
}

/** The adapter's own error on an answer, or undefined when it reads. */
function readError(read: ((body: unknown) => void) | undefined, body: unknown): string | undefined {
  try {
    read?.(body);
    return undefined;
  } catch (err) {
    return errorMessage(err);
  }
}

/** What is written of one answer: never its body. */
function answerEntry(a: ReadAnswer, error: string | undefined): Record<string, unknown> {
  if (a.failed) return { query: a.query, failed: a.failed };
  return {
    query: a.query,
    status: a.status,
    contentType: a.contentType ?? null,
    envelope: envelopeOf(a.body),
    rows: rowCount(a),
    readByTool: error ?? true,
  };
}

function verdictOf(rec: CallRecord, c: ComparedCall | undefined, filterMismatches: number): Verdict {
  if (rec.inertWrite) return 'recorded only';
  if (!c) return 'not read';
  if (c.mismatches.length || filterMismatches) return 'mismatch';
  if (c.alternatives.length) return 'accepted alternative';
  return c.rows ? 'as expected' : 'no rows';
}

function failedWords(rec: CallRecord): string {
  const f = rec.answers.find((a) => a.failed)?.failed;
  if (!f) return 'no answer';
  const body = { empty: 'an empty body', html: 'an HTML page', json: 'a JSON error', none: 'no answer at all' }[f.body];
  return `${f.status === undefined ? '' : `HTTP ${f.status} with `}${body}${f.code ? ` (${f.code})` : ''}`;
}

/** The table row of one call: the verdict, then each mismatch, alternative and doubtful filter on its own line. */
function tableRow(rec: CallRecord, c: ComparedCall | undefined, verdict: Verdict, enabled: (feature: string) => boolean): CheckRow {
  const doubtful = rec.filters.filter((f) => f.narrowed !== 'yes');
  const lines = [
    ...(c?.mismatches ?? []).map((m) => `mismatch: ${m}`),
    ...rec.filters.filter((f) => f.blocks).map((f) => `mismatch: filter ${f.filter}: ${f.detail}`),
    ...(c?.alternatives ?? []).map((a) => `accepted alternative: ${a}`),
    ...doubtful.filter((f) => !f.blocks).map((f) => `filter ${f.filter}: ${f.detail}`),
  ];
  const base = { area: AREA, check: rec.call };
  if (verdict === 'not read') return { ...base, result: 'skip', detail: `not read: ${failedWords(rec)} (see the probe above)` };
  if (verdict === 'no rows')
    return { ...base, result: 'warn', detail: ['no rows to compare: record again once the account has some', ...lines].join('\n') };
  const n = c?.rows ?? 0;
  const seen = `${n} ${rec.call.endsWith('}') ? (n === 1 ? 'answer' : 'answers') : n === 1 ? 'row' : 'rows'}`;
  if (verdict !== 'mismatch')
    return {
      ...base,
      result: 'ok',
      detail: [
        `${verdict === 'as expected' ? 'reads as the tool expects' : 'reads, in a form the tool also accepts'} (${seen})`,
        ...lines,
      ].join('\n'),
    };
  const exp = expectations()[rec.call];
  const blocks = [...new Set([...(c?.mismatches.length ? (exp?.blocks ?? []) : []), ...rec.filters.flatMap((f) => f.blocks ?? [])])];
  const needed = blocks.some(enabled);
  return needed
    ? { ...base, result: 'fail', detail: lines.join('\n'), blocks }
    : { ...base, result: 'warn', detail: `${lines.join('\n')}\n(not used by this config)` };
}

/** One call's answers compared with what the adapter reads: its verdict, counts, and what the file says of it. */
function judge(r: CallRecord): {
  compared: ComparedCall | undefined;
  verdict: Verdict;
  mismatches: number;
  alternatives: number;
  entry: Record<string, unknown>;
} {
  const exp = r.inertWrite ? undefined : expectations()[r.call];
  const errors = r.answers.map((a) => (a.failed ? undefined : readError(exp?.read, a.body)));
  const bodies = r.answers.filter((a) => !a.failed).map((a) => a.body);
  const unread = errors.filter((e): e is string => e !== undefined);
  const compared = exp && bodies.length ? compareCall(exp, bodies, unread) : undefined;
  const filterMismatches = r.filters.filter((f) => f.blocks).length;
  const verdict = verdictOf(r, compared, filterMismatches);
  const entry = {
    call: r.call,
    verdict,
    mismatches: compared?.mismatches ?? [],
    alternatives: compared?.alternatives ?? [],
    filters: r.filters,
    answers: r.answers.map((a, i) => answerEntry(a, errors[i])),
    ...(compared?.shape ? { rowShape: compared.shape } : {}),
    ...(compared?.meta ? { metaShape: compared.meta } : {}),
  };
  return {
    compared,
    verdict,
    mismatches: (compared?.mismatches.length ?? 0) + filterMismatches,
    alternatives: compared?.alternatives.length ?? 0,
    entry,
  };
}

/**
 * `check --record FILE`: reads a small page of every Allocadence call the tool makes, writes the
 * shape of each answer to FILE (no values: see check-record-shape.ts), and compares each shape
 * with what the adapter reads. Returns one table row per call, and a row for the file.
 */
export async function recordShapes(
  clients: AllocadenceClients,
  config: Config,
  opts: { file: string; now: number; zone: ZoneFinding | undefined },
): Promise<{ rows: CheckRow[]; summary: RecordSummary; writeFailed: boolean }> {
  const rec = new Recording();
  const ctx = {
    clients,
    rec,
    zone: config.allocadence.timeZone ?? DEFAULT_ACCOUNT_TIME_ZONE,
    now: opts.now,
    warehouses: [...new Set(config.sellers.map((s) => s.warehouse))],
  };
  await readOrders(ctx);
  await readItems(ctx);
  await readStock(ctx);
  await readShippingOrders(ctx);
  await readInertWrites(ctx);

  const items = config.sellers.some((s) => s.synchronizeItems);
  const enabled = (f: string): boolean => f !== FEATURES.pullItems || items;
  const rows: CheckRow[] = [];
  const calls: Record<string, unknown>[] = [];
  let mismatches = 0;
  let alternatives = 0;
  for (const r of rec.calls.values()) {
    const c = judge(r);
    mismatches += c.mismatches;
    alternatives += c.alternatives;
    if (!r.inertWrite) rows.push(tableRow(r, c.compared, c.verdict, enabled));
    calls.push(c.entry);
  }
  const document = {
    recordedBy: `alloc-amazon ${VERSION} check --record`,
    recordedAt: iso(opts.now),
    about:
      'The shape of each Allocadence answer this tool reads: keys, JSON types, how dates are written, row counts. No values: no buyer data, SKUs, order numbers or ids.',
    timeZone: opts.zone ?? null,
    calls,
  };
  const summary: RecordSummary = { file: opts.file, written: false, calls: calls.length, mismatches, alternatives };
  try {
    fs.writeFileSync(opts.file, `${JSON.stringify(document, null, 2)}\n`);
    summary.written = true;
    rows.push({
      area: AREA,
      check: 'shape file',
      result: 'ok',
      detail: `${opts.file}: ${calls.length} calls, ${mismatches} mismatches, ${alternatives} accepted alternatives; shapes only, no values`,
    });
  } catch (err) {
    rows.push({ area: AREA, check: 'shape file', result: 'fail', detail: `${opts.file} could not be written: ${errorMessage(err)}` });
  }
  return { rows, summary, writeFailed: !summary.written };
}
