import { json, startServer, type RequestEvent } from '../../src/simulator/server';
import { startWorld, worldSeller } from '../../src/simulator/world';

const line = (e: RequestEvent, handled: number): string =>
  `${e.phase} ${e.method} ${e.path}?${e.query.toString()} ${e.body.toString()} ${e.status ?? '-'} handled=${handled}`;

test('a listener sees a request before it is handled and once it is answered; admin routes are not shown', async () => {
  let handled = 0;
  const server = await startServer(() => {
    handled++;
    return json(201, { ok: true });
  });
  try {
    const seen: string[] = [];
    const off = server.onRequest((e) => seen.push(line(e, handled)));
    expect((await fetch(`${server.origin}/things?x=1`, { method: 'POST', body: 'abc' })).status).toBe(201);
    await fetch(`${server.origin}/__sim/state`);
    off();
    await fetch(`${server.origin}/later`);
    expect(seen).toEqual(['received POST /things?x=1 abc - handled=0', 'answered POST /things?x=1 abc 201 handled=1']);
    expect(handled).toBe(3);
  } finally {
    await server.close();
  }
});

test('a client that goes away as its request arrives: the request is still handled, its answer lost', async () => {
  const writes: string[] = [];
  const server = await startServer((req) => {
    writes.push(req.body.toString());
    return json(200, {});
  });
  try {
    const abort = new AbortController();
    server.onRequest((e) => {
      if (e.phase === 'received') abort.abort();
    });
    await expect(fetch(`${server.origin}/write`, { method: 'PUT', body: 'payload', signal: abort.signal })).rejects.toThrow();
    // The handler runs in the same turn as the listener, before the client learns anything.
    expect(writes).toEqual(['payload']);
  } finally {
    await server.close();
  }
});

test('a world tells which system saw a request, and can hold several sellers', async () => {
  const world = await startWorld({ sellers: 2, orders: 0 });
  try {
    const second = worldSeller(2);
    expect(second).toMatchObject({ name: 'sim-us-2', marketplaceId: 'ATVPDKIKX0DER', warehouse: 'Main' });
    expect(second.refreshTokenEnv).not.toBe(worldSeller(1).refreshTokenEnv);
    expect((world.config.sellers as { name: string }[]).map((s) => s.name)).toEqual(['sim-us', 'sim-us-2']);
    expect(world.env[second.refreshTokenEnv]).toMatch(/^Atzr\|sim-/);
    // Each seller's refresh token is a grant for that seller only.
    const systems: string[] = [];
    const off = world.onRequest((e) => {
      if (e.phase === 'answered') systems.push(`${e.system} ${e.status}`);
    });
    for (const n of [1, 2]) {
      const s = worldSeller(n);
      const body = new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: world.env[s.refreshTokenEnv] ?? '',
        client_id: world.env.LWA_CLIENT_ID ?? '',
        client_secret: world.env.LWA_CLIENT_SECRET ?? '',
      });
      expect((await fetch(`${world.amazon.origin}/auth/o2/token`, { method: 'POST', body })).status).toBe(200);
    }
    await fetch(`${world.allocadence.origin}/rest/items`);
    off();
    expect(systems).toEqual(['amazon 200', 'amazon 200', 'allocadence 401']);
    expect(
      world.amazon.addOrders(
        { orders: [{ status: 'UNSHIPPED', fulfilledBy: 'MERCHANT', items: [{ sku: 'SKU-0001', quantity: 1 }] }] },
        second.sellerId,
      )[0]?.sellerId,
    ).toBe(second.sellerId);
  } finally {
    await world.close();
  }
});
