import { z } from 'zod';
import { itemSchema } from '../../allocadence/items';
import { pageSchemaOf } from '../../allocadence/paging';
import {
  parseShippingOrder,
  parseShippingOrderLines,
  parseShippingOrderList,
  shippingOrderLineSchema,
  shippingOrderRowSchema,
} from '../../allocadence/shipping-order-answer';
import { stockRowSchema } from '../../allocadence/stock-list';
import { customerOrderSchema, pageMetaSchema } from '../../allocadence/types';
import { parseAnswer } from '../../http/answer';
import type { JsonType } from './record-shape';
import { FEATURES } from './types';

/**
 * What the adapter reads from each Allocadence answer, derived from its own zod schemas (through
 * zod's JSON Schema export), so the comparison cannot drift from the code that parses a run's
 * answers. Envelopes and key spelling live in code, not in schemas; they are stated here beside
 * the adapter's own parse, which `check --record` also runs on every answer as a cross-check.
 */
export interface Expect {
  /** JSON types the tool reads here; undefined: anything. */
  types?: ReadonlySet<JsonType>;
  properties?: ReadonlyMap<string, { expect: Expect; required: boolean }>;
  items?: Expect;
}

interface JsonSchema {
  type?: string | string[];
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
}

function typesOf(s: JsonSchema): Set<JsonType> | undefined {
  if (s.type === undefined) return undefined;
  const list = Array.isArray(s.type) ? s.type : [s.type];
  return new Set(list.map((t) => (t === 'integer' ? 'number' : t) as JsonType));
}

function merge(a: Expect, b: Expect): Expect {
  const types = a.types && b.types ? new Set([...a.types, ...b.types]) : undefined;
  const properties = a.properties ?? b.properties;
  const items = a.items && b.items ? merge(a.items, b.items) : (a.items ?? b.items);
  return { ...(types ? { types } : {}), ...(properties ? { properties } : {}), ...(items ? { items } : {}) };
}

function fromJsonSchema(s: JsonSchema): Expect {
  if (s.anyOf) return s.anyOf.map(fromJsonSchema).reduce(merge);
  const types = typesOf(s);
  const out: { types?: Set<JsonType>; properties?: Map<string, { expect: Expect; required: boolean }>; items?: Expect } = types
    ? { types }
    : {};
  if (s.properties) {
    const required = new Set(s.required ?? []);
    out.properties = new Map(Object.entries(s.properties).map(([k, v]) => [k, { expect: fromJsonSchema(v), required: required.has(k) }]));
  }
  if (s.items) out.items = fromJsonSchema(s.items);
  return out;
}

/** The JSON an answer must have for this schema to read it (the input side, before transforms). */
export function expectOf(schema: z.ZodType): Expect {
  return fromJsonSchema(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema);
}

/**
 * How an answer wraps its rows. `page`: API 2.0, `{<listKey>: [...], meta: {totalPages}}` (the
 * adapter's `pages`). `legacy-list`: a bare array, or the rows under `listKey` (the adapter's
 * shipping-order parse, evidence §2.1 "Response envelope"), `meta` optional. `single`: one object.
 */
export type EnvelopeRule = { kind: 'page'; listKey: string } | { kind: 'legacy-list'; listKey: string } | { kind: 'single' };

export interface CallExpectation {
  call: string;
  /** Features that cannot work when this answer does not read. */
  blocks: string[];
  envelope: EnvelopeRule;
  /** One row (or the single object). */
  row: Expect;
  /** The paging block of a `page` answer. */
  meta?: Expect;
  /** Legacy answers are read with keys folded to lower case: another spelling still reads. */
  anyCase: boolean;
  /** How the account is expected to write dates: API 2.0 with an offset, the legacy tree without (§2.1, §2.5). */
  dates: 'offset' | 'wall';
  /** The adapter's own reading of the whole answer; throws what a run would. */
  read: (body: unknown) => void;
}

const ORDERS = [FEATURES.pullOrders, FEATURES.pushStatus];

function page(call: string, operation: string, listKey: string, row: z.ZodType, blocks: string[]): CallExpectation {
  // The schema `pages` (and the stock list) parse each page with.
  const schema: z.ZodType = pageSchemaOf(listKey, row);
  return {
    call,
    blocks,
    envelope: { kind: 'page', listKey },
    row: expectOf(row),
    meta: expectOf(pageMetaSchema),
    anyCase: false,
    dates: 'offset',
    read: (body) => void parseAnswer(schema, body, operation, 'allocadence'),
  };
}

let built: Record<string, CallExpectation> | undefined;

/** Every Allocadence read the tool makes, by the name `check --record` files it under. */
export function expectations(): Record<string, CallExpectation> {
  built ??= Object.fromEntries(
    [
      page('GET /rest/customer-orders', 'listCustomerOrders', 'customerOrders', customerOrderSchema, ORDERS),
      {
        call: 'GET /rest/customer-orders/{id}',
        blocks: ORDERS,
        envelope: { kind: 'single' },
        row: expectOf(customerOrderSchema),
        anyCase: false,
        dates: 'offset',
        read: (body: unknown) => void parseAnswer(customerOrderSchema, body, 'getCustomerOrder', 'allocadence'),
      } satisfies CallExpectation,
      page('GET /rest/items', 'listItems', 'items', itemSchema, [FEATURES.pullItems, FEATURES.pushStock]),
      page('GET /rest/inventory', 'listInventory', 'inventory', stockRowSchema, [FEATURES.pushStock]),
      page('GET /rest/inventory/kits', 'listKitInventory', 'inventory', stockRowSchema, [FEATURES.pushStock]),
      legacy(
        'GET /services/rest/shippingorders',
        { kind: 'legacy-list', listKey: 'shippingOrders' },
        shippingOrderRowSchema,
        [FEATURES.pushShipments, FEATURES.pushStatus],
        (b) => parseShippingOrderList(b, 'listShippingOrders'),
      ),
      legacy('GET /services/rest/shippingorders/{id}', { kind: 'single' }, shippingOrderRowSchema, [FEATURES.pushShipments], (b) =>
        parseShippingOrder(b, 'getShippingOrder'),
      ),
      legacy(
        'GET /services/rest/shippingorders/{id}/items',
        { kind: 'legacy-list', listKey: 'items' },
        shippingOrderLineSchema,
        [FEATURES.pushShipments],
        (b) => parseShippingOrderLines(b, 'getShippingOrderItems'),
      ),
    ].map((e) => [e.call, e]),
  );
  return built;
}

function legacy(call: string, envelope: EnvelopeRule, row: z.ZodType, blocks: string[], read: (body: unknown) => unknown): CallExpectation {
  return { call, blocks, envelope, row: expectOf(row), anyCase: true, dates: 'wall', read: (body) => void read(body) };
}
