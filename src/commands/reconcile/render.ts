import { safeText } from '../../output/safe-text';
import { FINDING_KINDS, type Finding } from './types';

/** One seller's outcome, as --json prints it and the table shows it. */
export interface SellerReport {
  seller: string;
  findings: { kind: string; key: string; detail: string; marketplaceId: string; notFixed?: string }[];
  fixed: number;
  orders: number;
  listings: number;
  /** Parts the deadline left not compared (whole), each with why: the report is then incomplete. */
  notCompared: string[];
  error?: string;
}

export function reportFinding(f: Finding, notFixed: string | undefined): SellerReport['findings'][number] {
  return { kind: f.kind, key: f.key, detail: f.detail, marketplaceId: f.marketplaceId, ...(notFixed ? { notFixed } : {}) };
}

function summaryLine(r: SellerReport): string {
  if (r.error) return `${r.seller}: not reconciled: ${r.error}`;
  const fixed = r.fixed ? `, ${r.fixed} fixed` : '';
  const compared = `${r.orders} order(s), ${r.listings} listing(s) compared`;
  const incomplete = r.notCompared.length ? `; INCOMPLETE: ${r.notCompared.join('; ')}` : '';
  if (r.findings.length === 0)
    return incomplete
      ? `${r.seller}: no finding in what was compared (${compared}${fixed})${incomplete}`
      : `${r.seller}: Amazon and Allocadence agree (${compared}${fixed})`;
  const counts = FINDING_KINDS.map((k) => [k, r.findings.filter((f) => f.kind === k).length] as const).filter(([, n]) => n > 0);
  return `${r.seller}: ${r.findings.length} finding(s): ${counts.map(([k, n]) => `${n} ${k}`).join(', ')} (${compared}${fixed})${incomplete}`;
}

/** A summary line per seller, then its findings grouped by kind: key and detail, and why --fix left it. */
export function renderReports(reports: readonly SellerReport[]): string {
  const out: string[] = [];
  for (const r of reports) {
    out.push(summaryLine(r));
    const width = Math.max(0, ...r.findings.map((f) => f.key.length));
    for (const kind of FINDING_KINDS) {
      const mine = r.findings.filter((f) => f.kind === kind);
      if (mine.length === 0) continue;
      out.push(`  ${kind}`);
      for (const f of mine) {
        out.push(`    ${f.key.padEnd(width)}  ${f.detail}`);
        if (f.notFixed) out.push(`    ${''.padEnd(width)}  not fixed: ${f.notFixed}`);
      }
    }
  }
  return out.map(safeText).join('\n') + '\n';
}
