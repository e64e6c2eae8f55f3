import type { QuantityChange } from '../../amazon/listings-feed';

/** A quantity to push, and the last one pushed for the SKU (undefined: never pushed). */
export interface StockChange extends QuantityChange {
  lastPushed: number | undefined;
}

/** Changes read by position: what a feed takes a slice of, and the check after a --full push looks up. */
export interface ChangeList {
  readonly length: number;
  sku(i: number): string;
  quantity(i: number): number;
  lastPushed(i: number): number | undefined;
  at(i: number): StockChange;
  /** changes [start, end) as objects: one feed's worth at a time. */
  slice(start: number, end: number): StockChange[];
}

const NEVER = -1;

/** changes [start, end) of `list` as objects. */
function objectsOf(list: ChangeList, start: number, end: number): StockChange[] {
  const out: StockChange[] = [];
  for (let i = start; i < Math.min(end, list.length); i++) out.push(list.at(i));
  return out;
}

/**
 * A marketplace's quantity changes, column by column. A --full push changes every SKU of the
 * catalogue; held as one object each, 300,000 changes and what V8 lets grow in proportion to them
 * were most of the run's memory. Here a change costs its SKU and a few bytes.
 */
export class StockChanges implements ChangeList {
  private readonly skus: string[] = [];
  private quantities = new Int32Array(1024);
  private last = new Int32Array(1024);
  private types = new Int32Array(1024);
  // A catalogue has a handful of product types: each change names one by position.
  private readonly typeNames: string[] = [];
  private readonly typeAt = new Map<string, number>();

  static of(changes: readonly StockChange[]): StockChanges {
    const out = new StockChanges();
    for (const c of changes) out.add(c);
    return out;
  }

  get length(): number {
    return this.skus.length;
  }

  add(c: StockChange): void {
    const i = this.skus.length;
    if (i === this.quantities.length) this.grow();
    let type = this.typeAt.get(c.productType);
    if (type === undefined) {
      type = this.typeNames.push(c.productType) - 1;
      this.typeAt.set(c.productType, type);
    }
    // A quantity is a whole number of units, never negative (offeredQuantity); a last push too.
    this.quantities[i] = c.quantity;
    this.last[i] = c.lastPushed ?? NEVER;
    this.types[i] = type;
    this.skus.push(c.sku);
  }

  sku(i: number): string {
    const sku = this.skus[i];
    if (sku === undefined) throw new RangeError(`StockChanges: no change at ${i}`);
    return sku;
  }

  quantity(i: number): number {
    return this.quantities[i] ?? 0;
  }

  lastPushed(i: number): number | undefined {
    const last = this.last[i] ?? NEVER;
    return last === NEVER ? undefined : last;
  }

  at(i: number): StockChange {
    return {
      sku: this.sku(i),
      productType: this.typeNames[this.types[i] ?? 0] ?? '',
      quantity: this.quantity(i),
      lastPushed: this.lastPushed(i),
    };
  }

  slice(start: number, end: number): StockChange[] {
    return objectsOf(this, start, end);
  }

  /** The changes `keep` says yes to, in order, as positions into these: no copy of the changes. */
  where(keep: (i: number) => boolean): ChangeList {
    let n = 0;
    for (let i = 0; i < this.length; i++) if (keep(i)) n++;
    const positions = new Int32Array(n);
    for (let i = 0, at = 0; i < this.length; i++) if (keep(i)) positions[at++] = i;
    return new ChangeView(this, positions);
  }

  private grow(): void {
    const size = this.quantities.length * 2;
    const bigger = (old: Int32Array): Int32Array<ArrayBuffer> => {
      const next = new Int32Array(size);
      next.set(old);
      return next;
    };
    this.quantities = bigger(this.quantities);
    this.last = bigger(this.last);
    this.types = bigger(this.types);
  }
}

/** Some of a StockChanges, by position. */
class ChangeView implements ChangeList {
  constructor(
    private readonly all: StockChanges,
    private readonly positions: Int32Array,
  ) {}

  get length(): number {
    return this.positions.length;
  }

  private of(i: number): number {
    const at = this.positions[i];
    if (at === undefined) throw new RangeError(`StockChanges: no change at ${i}`);
    return at;
  }

  sku(i: number): string {
    return this.all.sku(this.of(i));
  }

  quantity(i: number): number {
    return this.all.quantity(this.of(i));
  }

  lastPushed(i: number): number | undefined {
    return this.all.lastPushed(this.of(i));
  }

  at(i: number): StockChange {
    return this.all.at(this.of(i));
  }

  slice(start: number, end: number): StockChange[] {
    return objectsOf(this, start, end);
  }
}
