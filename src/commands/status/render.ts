import { safeText } from '../../output/safe-text';
import type { ShipByCounts } from '../../state/ship-by';
import { failedFeedText } from '../../sync/summary';
import type { DirectionStatus } from './view';

const RETRIES_LISTED = 10;

function ago(now: number, iso: string): string {
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 90) return `${s} s ago`;
  if (s < 90 * 60) return `${Math.round(s / 60)} min ago`;
  if (s < 48 * 3600) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86400)} days ago`;
}

function when(iso: string): string {
  return iso.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, 'Z');
}

function counts(d: DirectionStatus): string {
  const r = d.lastRun;
  if (!r) return '';
  const parts = [`read=${r.read}`, ...Object.entries(r.totals).map(([k, v]) => `${k}=${v}`)];
  if (r.failed) parts.push(`failed=${r.failed}`);
  const text = parts.join(' ');
  return text.length > 48 ? `${text.slice(0, 47)}…` : text;
}

function checkpoint(d: DirectionStatus): string {
  if (d.checkpoints.length === 0) return '-';
  const oldest = d.checkpoints.reduce((a, b) => (a.value <= b.value ? a : b));
  return d.checkpoints.length === 1 ? when(oldest.value) : `${when(oldest.value)} (oldest of ${d.checkpoints.length})`;
}

function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) =>
    r
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd(),
  );
}

/** What an operator reads in a terminal: one table per seller, then what needs a look. */
export function renderStatus(
  view: readonly DirectionStatus[],
  ctx: {
    now: number;
    stateFile: string;
    configured: readonly string[];
    shipBy?: readonly ({ seller: string; withinHours: number } & ShipByCounts)[];
  },
): string {
  const lines: string[] = [`State file: ${ctx.stateFile}`];
  for (const seller of [...new Set(view.map((d) => d.seller))]) {
    const rows = view.filter((d) => d.seller === seller);
    lines.push('', `Seller ${seller}${ctx.configured.includes(seller) ? '' : ' (no longer in the config)'}`);
    const header = ['  DIRECTION', 'LAST RUN', 'OUTCOME', 'COUNTS', 'CHECKPOINT', 'RETRY', 'LOCK'];
    const body = rows.map((d) =>
      [
        `  ${d.direction}`,
        d.lastRun ? `${when(d.lastRun.startedAt)} (${ago(ctx.now, d.lastRun.startedAt)})` : 'never',
        d.lastRun?.outcome ?? '-',
        counts(d),
        checkpoint(d),
        String(d.retries.length),
        d.lock ? `pid ${d.lock.pid}@${d.lock.host}${d.lock.live ? '' : ' (dead)'}` : '-',
      ].map(safeText),
    );
    lines.push(...table([header, ...body]));
    const due = ctx.shipBy?.find((s) => s.seller === seller);
    if (due)
      lines.push(
        `  orders to ship: ${due.late} late, ${due.dueSoon} due within ${due.withinHours} h` +
          (due.earliest ? ` (earliest ship-by ${when(due.earliest)})` : '') +
          '; from the ship-by times pull-orders recorded, shipments confirmed by push-shipments and Amazon statuses pull-orders last saw',
      );
    for (const d of rows) {
      const r = d.lastRun;
      if (r?.error) lines.push(`  ${d.direction}: last run #${r.id} ${r.outcome}: ${r.error}`);
      if (r?.note) lines.push(`  ${d.direction}: ${r.note}`);
      if (r?.stoppedAtDeadline)
        lines.push(
          `  ${d.direction}: ${r.stoppedAtDeadline.signal ? `stopped by ${r.stoppedAtDeadline.signal}` : 'stopped at its deadline'}; the next run continues ${r.stoppedAtDeadline.resume.map((x) => `${x.marketplaceId}: ${x.next}`).join(', ')}`,
        );
      if (r?.outcome === 'stopped' && !r.stoppedAtDeadline)
        lines.push(`  ${d.direction}: run #${r.id} was stopped by a signal; the next run continues from the checkpoint`);
      for (const f of r?.failedFeeds ?? []) lines.push(`  ${d.direction}: last run's ${failedFeedText(f)}`);
      for (const b of d.backfills ?? [])
        lines.push(
          `  ${d.direction}: back-fill from ${b.since} [${b.marketplace}] read up to ${b.cursor}; run --since ${b.since} again to continue it`,
        );
      if (r?.outcome === 'interrupted')
        lines.push(`  ${d.direction}: run #${r.id} never finished (killed or crashed); the next run starts again from the checkpoint`);
      if (r && r.outcome !== 'ok' && d.lastOkAt)
        lines.push(`  ${d.direction}: last fully successful run ended ${when(d.lastOkAt)} (${ago(ctx.now, d.lastOkAt)})`);
      if (d.lock && !d.lock.live)
        lines.push(`  ${d.direction}: the lock's holder (pid ${d.lock.pid}) is gone; the next run takes the lock over`);
      if (d.retries.length) {
        lines.push(`  ${d.direction}: ${d.retries.length} item(s) waiting for retry:`);
        for (const item of d.retries.slice(0, RETRIES_LISTED)) {
          lines.push(
            `    ${item.key} [${item.marketplace}] ${item.attempts} attempt(s) since ${when(item.firstFailedAt)}: ${item.lastError}`,
          );
        }
        if (d.retries.length > RETRIES_LISTED) lines.push(`    … and ${d.retries.length - RETRIES_LISTED} more (see status --json)`);
      }
    }
  }
  // Errors, keys and host names come from elsewhere: escaped, so none can forge a line or drive the terminal.
  return `${lines.map(safeText).join('\n')}\n`;
}
