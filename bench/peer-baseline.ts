import { setTimeout as sleep } from 'node:timers/promises';
import { RateLimiter, type RateLimit } from '../src/http/rate-limiter';
import { OPERATIONS } from '../src/simulator/amazon';
import { SIM_SELLER, startWorld, type World } from '../src/simulator/world';
import { ORDERS, RATE_SCALE, seedBacklog, type PullOrdersResult } from './pull-orders';
import { seconds, type TableRow } from './table';

type V0Read = 'getOrders' | 'getOrderItems';

/** The parts of v0's answers a peer reads here. */
interface OrdersPage {
  Orders: { AmazonOrderId: string }[];
  NextToken?: string;
}
interface OrderItemsPage {
  OrderItems: unknown[];
}

/** v0's published usage plan, rate scaled by the factor the pull-orders row applies to searchOrders. */
function scaledPlan(name: V0Read): RateLimit {
  const op = OPERATIONS.find((o) => o.name === name);
  if (!op) throw new Error(`the simulator has no ${name}`);
  return { rate: op.rate * RATE_SCALE, burst: op.burst };
}

// amz-tools retries a throttled call after 1/rate with no cap; a cap keeps a broken run from hanging the bench.
const MAX_RETRIES = 20;

/**
 * How peer integrations read orders (reference: peers.md §3.1): one request at a time, a token
 * bucket per operation (the tool's own limiter class, so pacing is equally good on both sides),
 * and on a 429 a wait of 1/rate before trying again, as amz-tools does.
 */
class PeerClient {
  requests = 0;
  throttled = 0;
  private readonly limiter: RateLimiter;

  constructor(
    private readonly world: World,
    private readonly accessToken: string,
    private readonly plans: Record<V0Read, RateLimit>,
  ) {
    this.limiter = new RateLimiter(plans, { clock: Date.now, sleep: (ms) => sleep(ms) });
  }

  /** The `payload` of a v0 answer. */
  async get<T>(operation: V0Read, path: string, query: Record<string, string> = {}): Promise<T> {
    const qs = new URLSearchParams(query).toString();
    for (let attempt = 0; attempt <= MAX_RETRIES; attempt++) {
      await this.limiter.acquire(operation);
      this.requests++;
      const res = await fetch(`${this.world.amazon.origin}${path}${qs ? `?${qs}` : ''}`, {
        headers: { 'x-amz-access-token': this.accessToken },
      });
      if (res.status === 429) {
        this.throttled++;
        await sleep(1000 / this.plans[operation].rate);
        continue;
      }
      if (!res.ok) throw new Error(`${operation}: HTTP ${res.status} ${await res.text()}`);
      return ((await res.json()) as { payload: T }).payload;
    }
    throw new Error(`${operation}: still throttled after ${MAX_RETRIES} retries`);
  }
}

async function accessToken(world: World): Promise<string> {
  const body = new URLSearchParams({
    grant_type: 'refresh_token',
    refresh_token: world.env[SIM_SELLER.refreshTokenEnv] ?? '',
    client_id: world.env.LWA_CLIENT_ID ?? '',
    client_secret: world.env.LWA_CLIENT_SECRET ?? '',
  });
  const res = await fetch(`${world.amazon.origin}/auth/o2/token`, { method: 'POST', body });
  return ((await res.json()) as { access_token: string }).access_token;
}

/** Pages through getOrders and asks getOrderItems for each order in turn; returns the lines read. */
async function readBacklog(client: PeerClient): Promise<{ orders: number; lines: number }> {
  const filters = {
    MarketplaceIds: SIM_SELLER.marketplaceId,
    LastUpdatedAfter: new Date(Date.now() - 7 * 86_400_000).toISOString(),
    OrderStatuses: 'Unshipped,PartiallyShipped,Canceled',
    FulfillmentChannels: 'MFN',
    MaxResultsPerPage: '100',
  };
  let query: Record<string, string> = filters;
  let orders = 0;
  let lines = 0;
  for (;;) {
    const page = await client.get<OrdersPage>('getOrders', '/orders/v0/orders', query);
    for (const order of page.Orders) {
      const items = await client.get<OrderItemsPage>(
        'getOrderItems',
        `/orders/v0/orders/${encodeURIComponent(order.AmazonOrderId)}/orderItems`,
      );
      lines += items.OrderItems.length;
      orders++;
    }
    if (!page.NextToken) return { orders, lines };
    query = { ...filters, NextToken: page.NextToken };
  }
}

/**
 * The same backlog read the way peer integrations read it: Orders v0, a getOrders page of 100
 * and one getOrderItems per order. Only the reading is timed (no warehouse writes), which flatters
 * the peer: our time includes writing every order to Allocadence.
 */
export async function benchPeerBaseline(ours: PullOrdersResult): Promise<TableRow[]> {
  const plans = { getOrders: scaledPlan('getOrders'), getOrderItems: scaledPlan('getOrderItems') };
  const rates = Object.entries(plans).map(([name, p]) => `${name}=${p.rate}/${p.burst}`);
  const world = await startWorld({ seed: 42, orders: 0, rates });
  try {
    seedBacklog(world, 42);
    const t0 = process.hrtime.bigint();
    const client = new PeerClient(world, await accessToken(world), plans);
    const read = await readBacklog(client);
    const wallS = Number(process.hrtime.bigint() - t0) / 1e9;
    const items = plans.getOrderItems;
    const floorS = Math.max(0, ORDERS - items.burst) / items.rate;
    process.stdout.write(
      `  peer: ${read.orders} orders, ${read.lines} lines, ${client.requests} requests, ${client.throttled} × 429, ${seconds(wallS)} (its own rate-limit minimum ${seconds(floorS)})\n`,
    );
    const complete = read.orders === ORDERS;
    const perOrder = client.requests / ORDERS;
    const plan = (p: RateLimit): string => `${p.rate.toFixed(2)}/s burst ${p.burst}`;
    return [
      {
        scenario: `peer baseline: same backlog via v0 getOrders (${plan(plans.getOrders)}) + getOrderItems (${plan(plans.getOrderItems)})`,
        measured: `${seconds(ours.wallS)} ours`,
        bound: `${seconds(wallS)} peer`,
        ratio: ours.wallS / wallS,
        target: 'report',
        ...(complete ? {} : { ok: false }),
      },
      {
        scenario: 'peer baseline: 429 responses while reading the backlog',
        measured: `${client.throttled} peer`,
        target: 'report',
      },
      {
        scenario: 'peer baseline: Amazon requests per order',
        measured: `${ours.requestsPerOrder.toFixed(3)} ours`,
        bound: `${perOrder.toFixed(3)} peer`,
        ratio: ours.requestsPerOrder / perOrder,
        target: 'report',
      },
    ];
  } finally {
    await world.close();
  }
}
