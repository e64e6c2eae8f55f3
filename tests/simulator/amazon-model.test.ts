import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildCatalog } from '../../src/simulator/catalog';
import { seedOrders, startAmazonSimulator, type AmazonSimulator } from '../../src/simulator/amazon';

// Amazon's model is read at test time from the shared folder; it is never copied into the project.
const MODEL_PATHS = ['/work/shared/spapi-models/orders_2026-01-01.json', path.resolve(__dirname, '../../../shared/spapi-models/orders_2026-01-01.json')];
const MODEL_PATH = MODEL_PATHS.find((p) => existsSync(p));

interface Schema {
  $ref?: string;
  type?: string;
  required?: string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: string[];
  format?: string;
  description?: string;
}

/**
 * A small checker for the Swagger 2.0 subset the model uses: required fields, types, enums,
 * date-times, decimals, no fields the model lacks, and the "Possible values" lists that the
 * model keeps in descriptions rather than enums.
 */
function createChecker(definitions: Record<string, Schema>) {
  function possibleValues(description: string | undefined): string[] | undefined {
    const at = description?.search(/\*\*Possible values?\*\*/) ?? -1;
    if (!description || at < 0) return undefined;
    const values = [...description.slice(at).matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1] as string);
    return values.length > 0 ? values : undefined;
  }

  function check(value: unknown, schema: Schema, where: string, problems: string[], refName?: string): void {
    if (schema.$ref) {
      const name = schema.$ref.replace('#/definitions/', '');
      const target = definitions[name];
      if (!target) return void problems.push(`${where}: unresolved ${schema.$ref}`);
      // The property's own description may carry the value list while the target is a plain string.
      return check(value, { ...target, description: schema.description ?? target.description }, where, problems, name);
    }
    const allowed = schema.enum ?? (schema.type === 'string' ? possibleValues(schema.description) : undefined);
    switch (schema.type) {
      case 'object': {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) return void problems.push(`${where}: expected an object`);
        const record = value as Record<string, unknown>;
        for (const key of schema.required ?? []) if (!(key in record)) problems.push(`${where}: missing required ${key}`);
        for (const [key, child] of Object.entries(record)) {
          const prop = schema.properties?.[key];
          if (!prop) problems.push(`${where}.${key}: not in the model`);
          else check(child, prop, `${where}.${key}`, problems);
        }
        return;
      }
      case 'array':
        if (!Array.isArray(value)) return void problems.push(`${where}: expected an array`);
        value.forEach((item, i) => check(item, schema.items ?? {}, `${where}[${i}]`, problems));
        return;
      case 'integer':
        if (!Number.isInteger(value)) problems.push(`${where}: expected an integer, got ${JSON.stringify(value)}`);
        return;
      case 'number':
        if (typeof value !== 'number') problems.push(`${where}: expected a number`);
        return;
      case 'string':
        if (typeof value !== 'string') return void problems.push(`${where}: expected a string, got ${JSON.stringify(value)}`);
        if (allowed && !allowed.includes(value)) problems.push(`${where}: '${value}' is not one of ${allowed.join(', ')}`);
        if (schema.format === 'date-time' && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value)) problems.push(`${where}: '${value}' is not a date-time`);
        if (refName === 'Decimal' && !/^-?\d+(\.\d+)?$/.test(value)) problems.push(`${where}: '${value}' is not a decimal`);
        return;
      default:
        problems.push(`${where}: the checker does not know type ${schema.type}`);
    }
  }

  return (value: unknown, definition: string): string[] => {
    const problems: string[] = [];
    check(value, { $ref: `#/definitions/${definition}` }, definition, problems);
    return problems;
  };
}

if (!MODEL_PATH) {
  test.skip(`model conformance: orders_2026-01-01.json is not on this machine (looked in ${MODEL_PATHS.join(', ')})`, () => undefined);
} else {
  describe('simulated orders conform to Amazon’s Orders 2026-01-01 model', () => {
    const T0 = Date.parse('2026-03-02T12:00:00Z');
    const model = JSON.parse(readFileSync(MODEL_PATH, 'utf8')) as { definitions: Record<string, Schema>; paths: Record<string, any> };
    const conforms = createChecker(model.definitions);
    const includedEnum = model.paths['/orders/2026-01-01/orders'].get.parameters.find((p: any) => p.name === 'includedData').items.enum as string[];
    let sim: AmazonSimulator;
    let token: string;

    beforeAll(async () => {
      sim = await startAmazonSimulator({
        clientId: 'app',
        clientSecret: 'secret',
        sellers: [{ sellerId: 'A1SELLER', refreshToken: 'r1', marketplaceIds: ['ATVPDKIKX0DER', 'A1VC38T7YXB528'] }],
        now: () => T0,
        rates: { searchOrders: { rate: 100, burst: 100 }, getOrder: { rate: 100, burst: 100 } },
      });
      seedOrders(sim, { count: 80, seed: 5, now: T0, skus: [...buildCatalog(1).slice(0, 6).map((p) => p.sku), 'OFF-CATALOG'], marketplaceIds: ['ATVPDKIKX0DER', 'A1VC38T7YXB528'] });
      const body = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'r1', client_id: 'app', client_secret: 'secret' });
      token = ((await (await fetch(`${sim.origin}/auth/o2/token`, { method: 'POST', body })).json()) as { access_token: string }).access_token;
    });
    afterAll(() => sim.close());

    async function get(pathAndQuery: string): Promise<{ status: number; body: unknown }> {
      const res = await fetch(`${sim.origin}${pathAndQuery}`, { headers: { 'x-amz-access-token': token } });
      return { status: res.status, body: await res.json() };
    }

    test('searchOrders pages with every dataset are SearchOrdersResponse', async () => {
      const first = await get(`/orders/2026-01-01/orders?createdAfter=2026-02-01T00:00:00Z&maxResultsPerPage=50&includedData=${includedEnum.join(',')}`);
      expect(first.status).toBe(200);
      expect(conforms(first.body, 'SearchOrdersResponse')).toEqual([]);
      const next = (first.body as { pagination: { nextToken: string } }).pagination.nextToken;
      const second = await get(`/orders/2026-01-01/orders?createdAfter=2026-02-01T00:00:00Z&paginationToken=${encodeURIComponent(next)}`);
      expect(conforms(second.body, 'SearchOrdersResponse')).toEqual([]);
      expect((first.body as { orders: unknown[] }).orders.length + (second.body as { orders: unknown[] }).orders.length).toBe(80);
    });

    test('every order through getOrder, with every dataset, is a GetOrderResponse', async () => {
      const statuses = new Set<string>();
      for (const { orderId, fulfillment } of sim.orders()) {
        statuses.add(`${fulfillment?.fulfillmentStatus}/${fulfillment?.fulfilledBy}`);
        const { status, body } = await get(`/orders/2026-01-01/orders/${orderId}?includedData=${includedEnum.join(',')}`);
        expect(status).toBe(200);
        expect(conforms(body, 'GetOrderResponse')).toEqual([]);
      }
      expect(statuses.size).toBeGreaterThanOrEqual(8);
    });

    test('the full state view is model-shaped apart from sellerId', () => {
      for (const { sellerId: _seller, ...order } of sim.orders()) expect(conforms(order, 'Order')).toEqual([]);
    });

    test('the checker itself catches what it should', () => {
      const [{ sellerId: _seller, ...order }] = sim.orders() as [ReturnType<AmazonSimulator['orders']>[number]];
      const broken = JSON.parse(JSON.stringify(order));
      broken.salesChannel.channelName = 'Amazon.com';
      broken.orderItems[0].product.price.unitPrice.amount = 12.99;
      broken.orderItems[0].colour = 'red';
      delete broken.createdTime;
      expect(conforms(broken, 'Order')).toEqual([
        "Order: missing required createdTime",
        "Order.salesChannel.channelName: 'Amazon.com' is not one of AMAZON, NON_AMAZON",
        'Order.orderItems[0].product.price.unitPrice.amount: expected a string, got 12.99',
        'Order.orderItems[0].colour: not in the model',
      ]);
    });

    test('error answers are ErrorList', async () => {
      for (const url of ['/orders/2026-01-01/orders', '/orders/2026-01-01/orders/000-0000000-0000000']) {
        expect(conforms((await get(url)).body, 'ErrorList')).toEqual([]);
      }
    });
  });
}
