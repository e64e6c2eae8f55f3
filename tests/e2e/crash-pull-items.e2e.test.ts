import fs from 'node:fs';
import { SIM_SELLER } from '../../src/simulator/world';
import { crashSuite } from '../helpers/crash-suite';
import { isGetReport } from '../helpers/kill-points';
import { countBy, excess, missing, succeeded } from '../helpers/crash-tally';
import type { TestWorld } from '../helpers/world-run';

const THEME = 'COLOR_NAME';
/** New to the warehouse: each becomes an item, and its quantity the item's first stock. */
const NEW = [
  { sku: 'CRASH-A', quantity: 5 },
  { sku: 'CRASH-B', quantity: 2 },
  { sku: 'CRASH-P-1', quantity: 3, parentSku: 'CRASH-P' },
  { sku: 'CRASH-P-2', quantity: 4, parentSku: 'CRASH-P' },
];
const LISTINGS = [
  { sku: 'CRASH-P', isParent: true, variationTheme: THEME },
  ...NEW.map((l) => ({ ...l, ...(l.parentSku ? { variationTheme: THEME } : {}) })),
  { sku: 'CRASH-F', fulfillment: 'AMAZON' as const },
];
const ITEM_SKUS = [...NEW.map((l) => l.sku), 'CRASH-F'];

const sellable = (w: TestWorld): Map<string, number> =>
  new Map(
    w.allocadence
      .inventory()
      .filter((r) => r.warehouse.name === SIM_SELLER.warehouse)
      .map((r) => [r.item.sku, r.sellable]),
  );

// The first run: a listings report, then one item per SKU (children linked to their parent) and the initial quantities.
crashSuite({
  direction: 'pull-items',
  args: ['pull-items'],
  world: { orders: 0, reportPolls: 1 },
  prepare(w) {
    w.amazon.addListings({ listings: LISTINGS });
    // Initial quantities are off by default, and the adjustment call unconfirmed: on for an account that has it.
    w.allocadence.setBehaviour({ adjustments: true });
    const config = JSON.parse(fs.readFileSync(w.configPath, 'utf8')) as { sellers: Record<string, unknown>[] };
    for (const seller of config.sellers) seller.items = { importQuantities: true };
    fs.writeFileSync(w.configPath, JSON.stringify(config, null, 2));
  },
  writes: 10,
  ciWrites: [6, 10],
  extra: [
    // The report is done on that poll, and its answer lost.
    { label: 'getReport 1 received', phase: 'received', match: isGetReport, n: 1 },
    // Two polls per report: killed while the report is still being made, and while the tool waits to ask again.
    { label: 'getReport 1 of 2 received', phase: 'received', match: isGetReport, n: 1, world: { reportPolls: 2 } },
    { label: 'getReport 1 of 2 answered', phase: 'answered', match: isGetReport, n: 1, world: { reportPolls: 2 }, fullOnly: true },
  ],
  snapshot(w) {
    const stock = sellable(w);
    return w.allocadence
      .items()
      .filter((i) => i.sku.startsWith('CRASH-'))
      .map((i) => `${i.sku} ${i.userField1 ?? '-'} ${stock.get(i.sku) ?? 0}`)
      .sort();
  },
  tally(w) {
    const items = w.allocadence.items();
    const bySku = new Map(items.map((i) => [i.sku, i]));
    const stock = sellable(w);
    const creates = succeeded(w.allocadence.requests, 'POST', /^\/rest\/items$/).map((r) => (JSON.parse(r.body) as { sku: string }).sku);
    return {
      duplicates:
        excess(countBy(items, (i) => i.sku)) +
        excess(countBy(creates, (s) => s)) +
        excess(countBy(w.allocadence.adjustments(), (a) => a.sku)),
      losses:
        missing(ITEM_SKUS, (sku) => bySku.has(sku)) +
        missing(
          NEW.filter((l) => l.parentSku),
          (l) => bySku.get(l.sku)?.userField1 === `${l.parentSku} | ${THEME}`,
        ) +
        missing(NEW, (l) => stock.get(l.sku) === l.quantity),
    };
  },
});
