import { AnswerRewrites, parseRewrite } from '../../src/simulator/answer-rewrites';
import { allocadenceCall, BASIC, useAllocadenceSims } from '../helpers/allocadence-sim';
import { at, useAmazonSim, type Json } from '../helpers/amazon-sim';

describe('AnswerRewrites', () => {
  const answer = {
    status: 200,
    body: {
      orders: [
        { id: 1, a: { b: 1 } },
        { id: 2, a: { b: 2 } },
      ],
      meta: { page: 1 },
    },
  };

  test('removes and sets by dotted path, * for every element, without touching the original', () => {
    const r = new AnswerRewrites(['list']);
    r.add('list', { remove: ['orders.*.a.b', 'meta'], set: { 'orders.*.extra': { x: 1 }, 'orders.1.id': 'two', 'new.deep.field': true } });
    expect(r.apply('list', answer)).toEqual({
      status: 200,
      body: {
        orders: [
          { id: 1, a: {}, extra: { x: 1 } },
          { id: 'two', a: {}, extra: { x: 1 } },
        ],
        new: { deep: { field: true } },
      },
    });
    expect(answer.body.orders[0]?.a.b).toBe(1);
    // Used up: the next answer is the handler's own.
    expect(r.apply('list', answer)).toBe(answer);
  });

  test('a whole body, a status, raw text; `times` in a row, queued in order, per operation', () => {
    const r = new AnswerRewrites(['a', 'b']);
    r.add('a', { status: 500, body: { error: 'x' }, times: 2 });
    r.add('a', { raw: '<html>down</html>', contentType: 'text/html' });
    expect(r.pending()).toEqual({ a: 3 });
    expect(r.apply('b', answer)).toBe(answer);
    expect(r.apply('a', answer)).toEqual({ status: 500, body: { error: 'x' } });
    expect(r.apply('a', answer)).toEqual({ status: 500, body: { error: 'x' } });
    expect(r.apply('a', answer)).toEqual({ status: 200, headers: { 'content-type': 'text/html' }, raw: '<html>down</html>' });
    expect(r.pending()).toEqual({});
    expect(r.apply('a', answer)).toBe(answer);
  });

  test.each<[string, unknown, RegExp]>([
    ['an unknown operation', { operation: 'nope' }, /unknown operation "nope"; known: a/],
    ['a bad times', { operation: 'a', times: 0 }, /times must be a whole number/],
    ['a bad status', { operation: 'a', status: 42 }, /status must be an HTTP status/],
    ['bad paths', { operation: 'a', remove: 'x' }, /remove must be a list/],
    ['an unknown field', { operation: 'a', sett: {} }, /unknown field\(s\) sett/],
  ])('refuses %s', (_name, body, message) => {
    const r = new AnswerRewrites(['a']);
    expect(() => {
      const { operation, rewrite } = parseRewrite(body);
      r.add(operation, rewrite);
    }).toThrow(message);
  });
});

describe('Amazon simulator', () => {
  const amazon = useAmazonSim();

  test('POST /__sim/rewrite-next changes the next answer of an operation, after auth, then no more', async () => {
    amazon.sim.addOrders({
      orders: [{ status: 'UNSHIPPED', fulfilledBy: 'MERCHANT', createdTime: at(60), items: [{ sku: 'SKU-0001', quantity: 1 }] }],
    });
    const res = await fetch(`${amazon.sim.origin}/__sim/rewrite-next`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ operation: 'searchOrders', remove: ['orders.*.recipient'], set: { 'orders.*.unexpected': 1 } }),
    });
    expect(res.status).toBe(200);
    const params = { marketplaceIds: 'ATVPDKIKX0DER', createdAfter: '2026-03-01T00:00:00Z', includedData: 'RECIPIENT' };
    // Refused for a missing token: the rewrite waits for an answer the operation itself gives.
    expect((await fetch(`${amazon.sim.origin}/orders/2026-01-01/orders?${new URLSearchParams(params).toString()}`)).status).toBe(403);
    const odd = (await amazon.get('/orders/2026-01-01/orders', params)).body;
    expect(odd.orders[0]).toMatchObject({ unexpected: 1 });
    expect(odd.orders[0].recipient).toBeUndefined();
    const plain = (await amazon.get('/orders/2026-01-01/orders', params)).body;
    expect(plain.orders[0].recipient).toBeDefined();
    expect(plain.orders[0].unexpected).toBeUndefined();
  });

  test('the LWA token answer can be rewritten too; unknown operations are a 400', async () => {
    amazon.sim.rewriteNext('token', { remove: ['access_token'] });
    const body = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'r1', client_id: 'app', client_secret: 'secret' });
    const token = (await (await fetch(`${amazon.sim.origin}/auth/o2/token`, { method: 'POST', body })).json()) as Json;
    expect(token).toMatchObject({ token_type: 'bearer' });
    expect(token.access_token).toBeUndefined();
    const bad = await fetch(`${amazon.sim.origin}/__sim/rewrite-next`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ operation: 'listOrders' }),
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/unknown operation \\"listOrders\\"/);
  });
});

describe('Allocadence simulator', () => {
  const start = useAllocadenceSims();
  const call = allocadenceCall<{ inventory: { sellable: unknown }[]; code?: string; message?: string }>();

  test('rewrites the next answer of a route to an authenticated request; a login refused is left alone', async () => {
    const { sim } = await start();
    const set = await call(sim, 'POST', '/__sim/rewrite-next', { operation: 'listInventory', set: { 'inventory.0.sellable': -5 } }, {});
    expect(set.status).toBe(200);
    expect((await call(sim, 'GET', '/rest/inventory', undefined, { authorization: 'Basic d3Jvbmc6d3Jvbmc=' })).status).toBe(401);
    expect((await call(sim, 'GET', '/rest/inventory')).json().inventory[0]?.sellable).toBe(-5);
    expect((await call(sim, 'GET', '/rest/inventory')).json().inventory[0]?.sellable).not.toBe(-5);

    sim.rewriteNext('listShippingOrders', { status: 502, raw: '<html><body>Bad gateway</body></html>', contentType: 'text/html' });
    const html = await call(sim, 'GET', '/services/rest/shippingorders', undefined, { securekey: 'secure-1' });
    expect([html.status, html.headers.get('content-type'), html.text]).toEqual([502, 'text/html', '<html><body>Bad gateway</body></html>']);
    expect(() => sim.rewriteNext('listOrderz', {})).toThrow(/unknown operation "listOrderz"; known: listOrders, createOrder/);
    const bad = await call(sim, 'POST', '/__sim/rewrite-next', { operation: 'listOrders', times: -1 }, { authorization: BASIC });
    expect([bad.status, bad.json().code]).toEqual([400, 'invalid_parameter']);
  });
});
