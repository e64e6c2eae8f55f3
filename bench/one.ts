import { benchPullItems } from './pull-items';
import { benchPullOrders } from './pull-orders';
import { benchPushStockFull, benchPushStockIdle } from './push-stock';
import { benchSellers } from './sellers';
import { renderTable, type TableRow } from './table';

/** One scenario of the bench, for working on it: `node dist/bench/one.js push-stock-full`. Writes no results file. */
const SCENARIOS: Record<string, () => Promise<TableRow[]>> = {
  'push-stock-full': benchPushStockFull,
  'push-stock-idle': benchPushStockIdle,
  'pull-items': benchPullItems,
  'pull-orders': async () => (await benchPullOrders()).rows,
  // BENCH_SELLERS, BENCH_SELLER_ORDERS, BENCH_SELLER_RATE_SCALE size it down while working on it.
  sellers: benchSellers,
};

const name = process.argv[2] ?? '';
const scenario = SCENARIOS[name];
if (!scenario) {
  process.stderr.write(`usage: node dist/bench/one.js ${Object.keys(SCENARIOS).join('|')}\n`);
  process.exitCode = 2;
} else {
  scenario().then(
    (rows) => process.stdout.write(`${renderTable(rows)}\n`),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
