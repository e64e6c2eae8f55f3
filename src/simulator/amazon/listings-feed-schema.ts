import { LISTINGS_INCLUDED_DATA, type PatchOperation } from './listing-types';
import { isObject, patchProblems } from './patch-shape';

/**
 * Structural validation of a JSON_LISTINGS_FEED document, written by hand from the rules of
 * Amazon's listings-feed-schema-v2 (header, messages, and each operationType's allowed fields).
 */

export const MAX_MESSAGES = 25_000;
const MAX_MESSAGE_ID = 2_147_483_647;
const OPERATION_TYPES = ['UPDATE', 'PARTIAL_UPDATE', 'PATCH', 'DELETE'] as const;
const REQUIREMENTS = ['LISTING', 'LISTING_PRODUCT_ONLY', 'LISTING_OFFER_ONLY'];

export interface FeedMessage {
  messageId: number;
  sku: string;
  operationType: (typeof OPERATION_TYPES)[number];
  productType?: string;
  requirements?: string;
  attributes?: Record<string, unknown>;
  patches?: PatchOperation[];
}

export interface ListingsFeedDocument {
  header: { sellerId: string; version: '2.0'; issueLocale?: string; report?: { includedData: string[]; apiVersion: string } };
  messages: FeedMessage[];
}

/** A reason the document is refused, tied to a message where one is to blame. */
export interface SchemaProblem {
  message: string;
  messageId?: number;
  sku?: string;
}

// Which optional fields each operationType requires or forbids (the schema's oneOf branches).
const BRANCHES: Record<FeedMessage['operationType'], { required: (keyof FeedMessage)[]; forbidden: (keyof FeedMessage)[] }> = {
  UPDATE: { required: ['productType', 'attributes'], forbidden: ['patches'] },
  PARTIAL_UPDATE: { required: ['productType', 'attributes'], forbidden: ['requirements', 'patches'] },
  PATCH: { required: ['productType', 'patches'], forbidden: ['requirements', 'attributes'] },
  DELETE: { required: [], forbidden: ['requirements', 'attributes', 'productType', 'patches'] },
};

function headerProblems(header: unknown, sellerId: string): string[] {
  if (!isObject(header)) return ['header: is required and must be an object'];
  const out: string[] = [];
  if (typeof header.sellerId !== 'string') out.push('header.sellerId: is required and must be a string');
  else if (header.sellerId !== sellerId)
    out.push(`header.sellerId: '${header.sellerId}' is not the seller that submitted the feed (${sellerId})`);
  if (header.version !== '2.0') out.push(`header.version: must be "2.0", not ${JSON.stringify(header.version)}`);
  if (header.issueLocale !== undefined && typeof header.issueLocale !== 'string') out.push('header.issueLocale: must be a string');
  if (header.report !== undefined) {
    const r = header.report;
    if (!isObject(r)) out.push('header.report: must be an object');
    else {
      const data = r.includedData;
      if (!Array.isArray(data) || data.length === 0 || !data.every((d) => (LISTINGS_INCLUDED_DATA as readonly unknown[]).includes(d))) {
        out.push(`header.report.includedData: must be a non-empty array of ${LISTINGS_INCLUDED_DATA.join(', ')}`);
      }
      if (r.apiVersion !== '2021-08-01') out.push('header.report.apiVersion: must be "2021-08-01"');
    }
  }
  return out;
}

function messageProblems(m: unknown, where: string, seenIds: Set<number>): string[] {
  if (!isObject(m)) return [`${where}: must be an object`];
  const out: string[] = [];
  const id = m.messageId;
  if (!Number.isInteger(id) || (id as number) < 1 || (id as number) > MAX_MESSAGE_ID)
    out.push(`${where}.messageId: must be an integer from 1 to ${MAX_MESSAGE_ID}`);
  else if (seenIds.has(id as number))
    out.push(`${where}.messageId: ${id as number} is used by an earlier message; messageIds must be unique within a feed`);
  else seenIds.add(id as number);
  if (typeof m.sku !== 'string' || m.sku === '') out.push(`${where}.sku: is required and must be a non-empty string`);
  const op = m.operationType as FeedMessage['operationType'];
  if (!OPERATION_TYPES.includes(op)) return [...out, `${where}.operationType: must be one of ${OPERATION_TYPES.join(', ')}`];
  if (m.productType !== undefined && (typeof m.productType !== 'string' || m.productType === ''))
    out.push(`${where}.productType: must be a non-empty string`);
  if (m.requirements !== undefined && !REQUIREMENTS.includes(m.requirements as string))
    out.push(`${where}.requirements: must be one of ${REQUIREMENTS.join(', ')}`);
  if (m.attributes !== undefined && (!isObject(m.attributes) || Object.keys(m.attributes).length === 0))
    out.push(`${where}.attributes: must be an object with at least one attribute`);
  if (m.patches !== undefined) out.push(...patchProblems(m.patches, `${where}.patches`));
  const { required, forbidden } = BRANCHES[op];
  for (const field of required) if (m[field] === undefined) out.push(`${where}: operationType ${op} requires ${field}`);
  for (const field of forbidden) if (m[field] !== undefined) out.push(`${where}: operationType ${op} does not allow ${field}`);
  return out;
}

/** All problems of the document (capped), or none when it can be processed message by message. */
export function validateListingsFeed(doc: unknown, sellerId: string, cap = 100): SchemaProblem[] {
  if (!isObject(doc)) return [{ message: 'the feed document must be a JSON object with header and messages' }];
  const problems: SchemaProblem[] = headerProblems(doc.header, sellerId).map((message) => ({ message }));
  const messages = doc.messages;
  if (!Array.isArray(messages)) return [...problems, { message: 'messages: is required and must be an array' }];
  if (messages.length === 0 || messages.length > MAX_MESSAGES) {
    problems.push({ message: `messages: must hold 1 to ${MAX_MESSAGES} messages, not ${messages.length}` });
  }
  const seenIds = new Set<number>();
  for (let i = 0; i < messages.length && problems.length < cap; i++) {
    const m = messages[i] as unknown;
    for (const message of messageProblems(m, `messages[${i}]`, seenIds)) {
      const p: SchemaProblem = { message };
      if (isObject(m) && Number.isInteger(m.messageId) && (m.messageId as number) >= 1) p.messageId = m.messageId as number;
      if (isObject(m) && typeof m.sku === 'string' && m.sku !== '') p.sku = m.sku;
      problems.push(p);
    }
  }
  return problems.slice(0, cap);
}
