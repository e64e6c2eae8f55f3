import { json, type SimRequest, type SimResponse } from '../server';
import { optionalStringMap, readBody, requiredString, sellerMarketplaces } from './body';
import { amazonError } from './errors';
import { jobHandlers, notFound } from './jobs-api';
import type { OperationContext } from './operation-types';
import { readContentEncoding } from './reports-api';

/** `POST /feeds/2021-06-30/documents`: the upload URL is signed for exactly this Content-Type. */
export function createFeedDocument(ctx: OperationContext, req: SimRequest): SimResponse {
  const contentType = requiredString(readBody(req), 'contentType');
  const doc = ctx.documents.createUpload(ctx.sellerId, contentType, ctx.nowMs);
  return json(201, { feedDocumentId: doc.id, url: ctx.documents.presign(doc, ctx.nowMs) });
}

/** `POST /feeds/2021-06-30/feeds`. */
export function createFeed(ctx: OperationContext, req: SimRequest): SimResponse {
  const body = readBody(req);
  const spec = {
    feedType: requiredString(body, 'feedType'),
    marketplaceIds: sellerMarketplaces(ctx, body),
    inputFeedDocumentId: requiredString(body, 'inputFeedDocumentId'),
  };
  const feedOptions = optionalStringMap(body, 'feedOptions');
  const feed = ctx.feeds.create(ctx.sellerId, feedOptions ? { ...spec, feedOptions } : spec, ctx.nowMs);
  if (feed === 'throttled')
    return amazonError(
      429,
      'QuotaExceeded',
      `You exceeded your quota for the requested resource: at most 5 ${spec.feedType} feeds per 5 minutes.`,
    );
  return json(202, { feedId: feed.id });
}

const feedJobs = jobHandlers('feed', (ctx) => ctx.feeds);

/** `GET /feeds/2021-06-30/feeds/{feedId}`: every call is one poll. */
export const getFeed = feedJobs.get;

/** `DELETE /feeds/2021-06-30/feeds/{feedId}`: only while IN_QUEUE; 200 with no body. */
export const cancelFeed = feedJobs.cancel;

/** `GET /feeds/2021-06-30/feeds`. */
export const getFeeds = feedJobs.list;

/** `GET /feeds/2021-06-30/documents/{feedDocumentId}`: result documents (gzipped), or an uploaded input. */
export function getFeedDocument(ctx: OperationContext, req: SimRequest, [documentId]: string[]): SimResponse {
  const encoding = readContentEncoding(req.query);
  const doc = ctx.documents.get(documentId ?? '');
  if (doc?.kind !== 'feed' || doc.sellerId !== ctx.sellerId) return notFound('Feed document', documentId);
  // An uploaded input document can be read back; its URL is then a download one.
  const body: Record<string, unknown> = {
    feedDocumentId: doc.id,
    url: ctx.documents.presign(doc, ctx.nowMs, { method: 'GET', contentEncoding: encoding }),
  };
  if (doc.compression) body.compressionAlgorithm = doc.compression;
  return json(200, body);
}
