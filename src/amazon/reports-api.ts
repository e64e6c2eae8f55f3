import { z } from 'zod';
import { RemoteError } from '../errors';
import { parseAnswer } from '../http/answer';
import type { HttpClient } from '../http/client';
import { downloadDocument } from './documents';
import { pollUntilFinished, type PollDeps } from './poll';

const BASE = '/reports/2021-06-30';

export const reportSchema = z.object({
  reportId: z.string(),
  processingStatus: z.enum(['IN_QUEUE', 'IN_PROGRESS', 'DONE', 'FATAL', 'CANCELLED']),
  reportDocumentId: z.string().optional(),
});
export const documentSchema = z.object({ url: z.string(), compressionAlgorithm: z.enum(['GZIP']).optional() });

export interface ReportRequest {
  reportType: string;
  marketplaceId: string;
  onWait?: (status: string, waitedMs: number) => void;
}

/** How a report ended: its document when DONE; a CANCELLED or FATAL report has none worth reading. */
export type ReportOutcome = { reportId: string; status: 'DONE'; text: string } | { reportId: string; status: 'CANCELLED' | 'FATAL' };

/** Where a finished report's document is, for a caller that reads it as it downloads. */
export type ReportDocument = z.infer<typeof documentSchema>;
export type ReportLocation =
  { reportId: string; status: 'DONE'; document: ReportDocument } | { reportId: string; status: 'CANCELLED' | 'FATAL' };

/**
 * createReport → getReport until finished → getReportDocument → download. A CANCELLED report may
 * mean "no data" or "requested too often", and Amazon does not say which
 * (reference/spapi-2026-12.md §3.5): the caller decides what it can conclude, never "no listings".
 */
export async function requestReport(sp: HttpClient, docs: HttpClient, deps: PollDeps, req: ReportRequest): Promise<ReportOutcome> {
  const located = await locateReport(sp, deps, req);
  if (located.status !== 'DONE') return located;
  const { url, compressionAlgorithm } = located.document;
  return { reportId: located.reportId, status: 'DONE', text: await downloadDocument(docs, url, compressionAlgorithm, 'downloadReport') };
}

/** requestReport up to its document, which is left for the caller to read. */
export async function locateReport(sp: HttpClient, deps: PollDeps, req: ReportRequest): Promise<ReportLocation> {
  const created = await sp.request<unknown>({
    operation: 'createReport',
    method: 'POST',
    path: `${BASE}/reports`,
    data: { reportType: req.reportType, marketplaceIds: [req.marketplaceId] },
    // Two reports instead of one cost quota, nothing else.
    idempotent: true,
  });
  const { reportId } = parseAnswer(z.object({ reportId: z.string() }), created.data, 'createReport');
  const report = await pollUntilFinished(
    async () =>
      parseAnswer(
        reportSchema,
        (await sp.request<unknown>({ operation: 'getReport', method: 'GET', path: `${BASE}/reports/${encodeURIComponent(reportId)}` }))
          .data,
        'getReport',
      ),
    deps,
    { what: `report ${reportId}`, ...(req.onWait ? { onWait: req.onWait } : {}) },
  );
  if (report.processingStatus === 'CANCELLED' || report.processingStatus === 'FATAL') return { reportId, status: report.processingStatus };
  if (!report.reportDocumentId) {
    throw new RemoteError({
      system: 'amazon',
      operation: 'getReport',
      kind: 'fatal',
      detail: `report ${reportId} (${req.reportType}) ended ${report.processingStatus} without a reportDocumentId`,
    });
  }
  const doc = parseAnswer(
    documentSchema,
    (
      await sp.request<unknown>({
        operation: 'getReportDocument',
        method: 'GET',
        path: `${BASE}/documents/${encodeURIComponent(report.reportDocumentId)}`,
      })
    ).data,
    'getReportDocument',
  );
  return { reportId, status: 'DONE', document: doc };
}

/** locateReport for a caller that needs the document: a FATAL or CANCELLED report is an error, nothing may be concluded from it. */
export async function fetchReportDocument(sp: HttpClient, deps: PollDeps, req: ReportRequest): Promise<ReportDocument> {
  const outcome = await locateReport(sp, deps, req);
  if (outcome.status !== 'DONE') {
    throw new RemoteError({
      system: 'amazon',
      operation: 'getReport',
      kind: 'fatal',
      detail: `report ${outcome.reportId} (${req.reportType}) ended ${outcome.status}`,
    });
  }
  return outcome.document;
}
