import { json, type SimRequest, type SimResponse } from '../server';
import { optionalDate, optionalStringMap, readBody, requiredString, sellerMarketplaces } from './body';
import { InvalidInputError } from './errors';
import { jobHandlers, notFound } from './jobs-api';
import type { OperationContext } from './operation-types';
import { readParam, rejectBracketArrays } from './query';
import type { NewReport } from './report-store';

// One marketplace per listings report, as Amazon documents for the open-listings report.
const SINGLE_MARKETPLACE = new Set(['GET_MERCHANT_LISTINGS_ALL_DATA']);

function readCreateReport(ctx: OperationContext, req: SimRequest): NewReport {
  const body = readBody(req);
  const spec: NewReport = { reportType: requiredString(body, 'reportType'), marketplaceIds: sellerMarketplaces(ctx, body) };
  if (SINGLE_MARKETPLACE.has(spec.reportType) && spec.marketplaceIds.length !== 1) {
    throw new InvalidInputError(`${spec.reportType} covers exactly one marketplace; request one report per marketplace`);
  }
  const start = optionalDate(body, 'dataStartTime');
  const end = optionalDate(body, 'dataEndTime');
  for (const [name, ms] of [
    ['dataStartTime', start],
    ['dataEndTime', end],
  ] as const) {
    if (ms !== undefined && ms > ctx.nowMs) throw new InvalidInputError(`${name} must be prior to or equal to the current date and time`);
  }
  if (start !== undefined && end !== undefined && end < start) throw new InvalidInputError('dataEndTime must not be before dataStartTime');
  if (start !== undefined) spec.dataStartMs = start;
  if (end !== undefined) spec.dataEndMs = end;
  const options = optionalStringMap(body, 'reportOptions');
  if (options) spec.reportOptions = options;
  return spec;
}

/** `POST /reports/2021-06-30/reports`. */
export function createReport(ctx: OperationContext, req: SimRequest): SimResponse {
  const report = ctx.reports.create(ctx.sellerId, readCreateReport(ctx, req), ctx.nowMs);
  return json(202, { reportId: report.id });
}

const reportJobs = jobHandlers('report', (ctx) => ctx.reports);

/** `GET /reports/2021-06-30/reports/{reportId}`: every call is one poll. */
export const getReport = reportJobs.get;

/** `DELETE /reports/2021-06-30/reports/{reportId}`: only while IN_QUEUE; 200 with no body. */
export const cancelReport = reportJobs.cancel;

/** `GET /reports/2021-06-30/reports`. */
export const getReports = reportJobs.list;

/** `enableContentEncodingUrlHeader=true` makes the URL answer with Content-Encoding: gzip. */
export function readContentEncoding(query: URLSearchParams): boolean {
  rejectBracketArrays(query);
  const flag = readParam(query, 'enableContentEncodingUrlHeader');
  if (flag !== undefined && flag !== 'true' && flag !== 'false')
    throw new InvalidInputError(`enableContentEncodingUrlHeader must be true or false, not '${flag}'`);
  return flag === 'true';
}

/** `GET /reports/2021-06-30/documents/{reportDocumentId}`: a fresh 5-minute URL per call. */
export function getReportDocument(ctx: OperationContext, req: SimRequest, [documentId]: string[]): SimResponse {
  const encoding = readContentEncoding(req.query);
  const doc = ctx.documents.get(documentId ?? '');
  if (doc?.kind !== 'report' || doc.sellerId !== ctx.sellerId) return notFound('Report document', documentId);
  const body: Record<string, unknown> = {
    reportDocumentId: doc.id,
    url: ctx.documents.presign(doc, ctx.nowMs, { contentEncoding: encoding }),
  };
  if (doc.compression) body.compressionAlgorithm = doc.compression;
  return json(200, body);
}
