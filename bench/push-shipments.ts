import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startWorld, type World } from '../src/simulator/world';
import { measureCli, runInProcess } from './harness';
import { seedBacklog } from './pull-orders';
import { seconds, type TableRow } from './table';

const PACKAGES = 1000;
const RATE = 20;
const BURST = 10;

/** Amazon orders the tool has imported (pull-orders ran, fast), each shipped by the warehouse in one package. */
async function shippedBacklog(world: World, config: string): Promise<void> {
  const added = seedBacklog(world, 61, PACKAGES);
  const pulled = await runInProcess(world, ['--config', config, '--quiet', 'pull-orders']);
  if (pulled.code !== 0 || world.allocadence.orders().length !== PACKAGES)
    throw new Error(`push-shipments set-up: pull-orders exited ${pulled.code}\n${pulled.stderr.slice(0, 2000)}`);
  for (const [i, o] of added.entries()) {
    const lines = o.orderItems.map((item) => ({ sku: item.product.sellerSku, quantity: item.quantityOrdered }));
    world.allocadence.ship({
      orderNumber: o.orderId,
      carrier: 'UPS',
      service: 'Ground',
      trackingNumber: `1ZBENCH${String(i).padStart(8, '0')}`,
      lines,
    });
  }
}

/**
 * push-shipments over 1,000 shipped packages with confirmShipment at 20/s, burst 10: one call per
 * package, so the floor is set by the rate alone, (packages − burst) / rate. Targets: within 10 %
 * of it, and no 429.
 */
export async function benchPushShipments(): Promise<TableRow[]> {
  // searchOrders is raised only so the set-up's pull-orders is quick; it is not measured.
  const world = await startWorld({ seed: 61, orders: 0, rates: ['searchOrders=1000/1000', `confirmShipment=${RATE}/${BURST}`] });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alloc-amazon-bench-ship-'));
  try {
    const config = world.writeConfig(dir, (c) => {
      ((c.sellers as Record<string, unknown>[])[0] as Record<string, unknown>).carriers = { UPS: { carrierCode: 'UPS' } };
    });
    await shippedBacklog(world, config);
    world.amazon.requests.length = 0;
    const run = await measureCli(['--config', config, '--quiet', '--json', 'push-shipments']);
    const confirms = world.amazon.requests.filter((r) => r.path.endsWith('/shipmentConfirmation'));
    const throttled = confirms.filter((r) => r.status === 429).length;
    const shipped = world.amazon.orders().filter((o) => o.fulfillment?.fulfillmentStatus === 'SHIPPED').length;
    const floorS = Math.max(0, PACKAGES - BURST) / RATE;
    const complete = run.code === 0 && shipped === PACKAGES;
    process.stdout.write(
      `  exit code ${run.code}, ${shipped} / ${PACKAGES} orders shipped on Amazon, ${confirms.length} confirmShipment calls, CLI CPU ${seconds(run.cpuS)}\n`,
    );
    if (!complete) process.stdout.write(run.stderr.slice(0, 2000));
    return [
      {
        scenario: `push-shipments, ${PACKAGES.toLocaleString('en')} packages (confirmShipment ${RATE}/s, burst ${BURST})`,
        measured: seconds(run.wallS),
        bound: `${seconds(floorS)} minimum`,
        ratio: run.wallS / floorS,
        target: '≤ 1.10',
        ok: complete && run.wallS / floorS <= 1.1,
      },
      { scenario: 'push-shipments: 429 responses', measured: String(throttled), target: '0', ok: throttled === 0 },
    ];
  } finally {
    await world.close();
  }
}
