import path from 'node:path';
import { benchPeerBaseline } from './peer-baseline';
import { benchPullItems } from './pull-items';
import { benchPullOrders, RATE_SCALE } from './pull-orders';
import { benchPushShipments } from './push-shipments';
import { benchPushStockFull, benchPushStockIdle } from './push-stock';
import { benchSellers } from './sellers';
import { benchStartup } from './startup';
import { machineLine, renderTable, writeResults, type TableRow } from './table';

// Compiled to dist/bench/: the committed results file is in bench/, two folders up.
const RESULTS = path.join(__dirname, '../../bench/last-results.md');

const NOTES = [
  'Ratios against a minimum: wall time ÷ the least time the rate limit allows, max(0, requests − burst) ÷ rate.',
  `Rates are scaled so runs take seconds: searchOrders' published 0.0056/s becomes 1/s (×${RATE_SCALE.toFixed(1)}), and the peer baseline's v0 rates get the same factor with their published bursts.`,
  'Peer baseline: the way peer integrations read orders (Orders v0 getOrders pages of 100, then getOrderItems per order), one request at a time, a token bucket per operation and a wait of 1/rate after a 429 (as amz-tools does). It only reads; our time also includes writing every order to Allocadence.',
  'pull-orders and the peer run in the bench process beside the simulators; the other CLI runs are child processes, measured for their own CPU and memory.',
  "pull-items: two first runs over 50,000 listings at Amazon's real listing rate behind a warehouse slowed to 50 ms a call: as shipped (initial quantities off, a create a listing) and with items.importQuantities on (a create and, for a merchant SKU with stock, an adjustment); each one's bound is the larger of its warehouse calls × 50 ms ÷ 8 (the declared write concurrency) and the listing pages at 5/s.",
  "pull-items' CPU per listing is held against bare HTTP exchanges: Node's client on kept-alive connections, 8 at a time, each answer parsed as JSON, against the same slowed warehouse in a process of their own (12,000 timed, scaled to the run's warehouse calls): what a request costs this machine before any of the tool's own work.",
];

function progress(text: string): void {
  process.stdout.write(`${text}\n`);
}

/** Every scenario in turn, one table at the end; exit 1 when any target is missed. */
async function bench(): Promise<number> {
  // Start-up first, while nothing else of the bench is warm or running.
  progress('CLI start-up …');
  const startup = benchStartup();
  progress('pull-orders over a 2,000-order backlog …');
  const pullOrders = await benchPullOrders();
  progress('peer baseline: the same backlog through Orders v0 …');
  const peer = await benchPeerBaseline(pullOrders);
  progress('pull-orders for 20 sellers side by side, and for 1 …');
  const sellers = await benchSellers();
  progress('pull-items: two first runs over 50,000 listings behind a slow warehouse (about nine minutes each) …');
  const pullItems = await benchPullItems();
  progress('push-stock --full over 300,000 SKUs …');
  const pushStock = await benchPushStockFull();
  progress('push-stock with nothing changed over 100,000 SKUs …');
  pushStock.push(...(await benchPushStockIdle()));
  progress('push-shipments, 1,000 packages (imported with pull-orders first) …');
  const pushShipments = await benchPushShipments();

  const rows: TableRow[] = [...pullOrders.rows, ...peer, ...sellers, ...pullItems, ...pushStock, ...pushShipments, ...startup];
  const table = renderTable(rows);
  const machine = machineLine();
  writeResults(RESULTS, table, NOTES, machine, new Date());
  const missed = rows.filter((r) => r.ok === false).length;
  process.stdout.write(`\n${table}\n\n${NOTES.map((n) => `- ${n}`).join('\n')}\n\n${machine}\n`);
  process.stdout.write(missed === 0 ? 'bench: targets met\n' : `bench: ${missed} TARGET(S) MISSED\n`);
  return missed === 0 ? 0 : 1;
}

bench().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  },
);
