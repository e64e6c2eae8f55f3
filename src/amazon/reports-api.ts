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

/**
 * createReport → getReport until finished → getReportDocument → download. Returns the document
 * as text. A FATAL or CANCELLED report is an error: nothing may be concluded from it.
 */
export async function fetchReport(sp: HttpClient, docs: HttpClient, deps: PollDeps, req: ReportRequest): Promise<string> {
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
    async () => parseAnswer(reportSchema, (await sp.request<unknown>({ operation: 'getReport', method: 'GET', path: `${BASE}/reports/${encodeURIComponent(reportId)}` })).data, 'getReport'),
    deps,
    { what: `report ${reportId}`, ...(req.onWait ? { onWait: req.onWait } : {}) },
  );
  if (report.processingStatus !== 'DONE' || !report.reportDocumentId) {
    throw new RemoteError({ system: 'amazon', operation: 'getReport', kind: 'fatal', detail: `report ${reportId} (${req.reportType}) ended ${report.processingStatus}` });
  }
  const doc = parseAnswer(
    documentSchema,
    (await sp.request<unknown>({ operation: 'getReportDocument', method: 'GET', path: `${BASE}/documents/${encodeURIComponent(report.reportDocumentId)}` })).data,
    'getReportDocument',
  );
  return downloadDocument(docs, doc.url, doc.compressionAlgorithm, 'downloadReport');
}
