/**
 * Schema versions, applied in order and recorded in `PRAGMA user_version`. Never edit a shipped
 * migration: add the next one. No table holds buyer names, addresses or e-mails.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE checkpoints (
    seller TEXT NOT NULL,
    marketplace TEXT NOT NULL,
    direction TEXT NOT NULL,
    value TEXT NOT NULL,
    run_id INTEGER,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (seller, marketplace, direction)
  );
  CREATE TABLE runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    command TEXT NOT NULL,
    seller TEXT NOT NULL,
    started_at TEXT NOT NULL,
    ended_at TEXT,
    outcome TEXT,
    summary TEXT
  );
  CREATE INDEX runs_by_command ON runs (command, seller, id);
  CREATE TABLE locks (
    command TEXT NOT NULL,
    seller TEXT NOT NULL,
    token TEXT NOT NULL,
    pid INTEGER NOT NULL,
    host TEXT NOT NULL,
    acquired_at TEXT NOT NULL,
    heartbeat_at TEXT NOT NULL,
    PRIMARY KEY (command, seller)
  );
  CREATE TABLE order_map (
    seller TEXT NOT NULL,
    marketplace TEXT NOT NULL,
    amazon_order_id TEXT NOT NULL PRIMARY KEY,
    alloc_order_id TEXT,
    amazon_status TEXT NOT NULL,
    fulfilled_by TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('creating', 'created', 'cancelled')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE order_items (
    amazon_order_id TEXT NOT NULL REFERENCES order_map (amazon_order_id),
    order_item_id TEXT NOT NULL,
    sku TEXT NOT NULL,
    quantity INTEGER NOT NULL,
    PRIMARY KEY (amazon_order_id, order_item_id)
  );
  CREATE TABLE retry_queue (
    seller TEXT NOT NULL,
    marketplace TEXT NOT NULL,
    direction TEXT NOT NULL,
    item_key TEXT NOT NULL,
    last_error TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    first_failed_at TEXT NOT NULL,
    last_failed_at TEXT NOT NULL,
    PRIMARY KEY (seller, marketplace, direction, item_key)
  );
  `,
  `
  CREATE TABLE listings (
    seller TEXT NOT NULL,
    marketplace TEXT NOT NULL,
    sku TEXT NOT NULL,
    asin TEXT,
    product_type TEXT,
    fulfillment TEXT NOT NULL CHECK (fulfillment IN ('MERCHANT', 'AMAZON')),
    is_parent INTEGER NOT NULL DEFAULT 0,
    parent_sku TEXT,
    variation_theme TEXT,
    alloc_item_id TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (seller, marketplace, sku)
  );
  CREATE INDEX listings_by_parent ON listings (seller, marketplace, parent_sku);
  CREATE TABLE pushed_stock (
    seller TEXT NOT NULL,
    marketplace TEXT NOT NULL,
    sku TEXT NOT NULL,
    quantity INTEGER NOT NULL,
    pushed_at TEXT NOT NULL,
    PRIMARY KEY (seller, marketplace, sku)
  );
  CREATE TABLE feeds (
    feed_id TEXT PRIMARY KEY,
    seller TEXT NOT NULL,
    marketplace TEXT NOT NULL,
    feed_type TEXT NOT NULL,
    document_id TEXT NOT NULL,
    messages INTEGER NOT NULL,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    summary TEXT
  );
  `,
  `
  CREATE TABLE shipments (
    seller TEXT NOT NULL,
    alloc_shipment_id TEXT NOT NULL PRIMARY KEY,
    amazon_order_id TEXT NOT NULL,
    package_reference_id TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('confirming', 'confirmed', 'rejected')),
    error TEXT,
    retriable INTEGER NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX shipments_by_order ON shipments (amazon_order_id);
  CREATE TABLE status_pushes (
    amazon_order_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('cancel', 'complete')),
    seller TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('submitted', 'done', 'rejected')),
    feed_id TEXT,
    error TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (amazon_order_id, kind)
  );
  `,
  `
  CREATE TABLE read_spans (
    seller TEXT NOT NULL,
    marketplace TEXT NOT NULL,
    direction TEXT NOT NULL,
    span_ms INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (seller, marketplace, direction)
  );
  CREATE TABLE rate_buckets (
    seller TEXT NOT NULL,
    operation TEXT NOT NULL,
    tokens REAL NOT NULL,
    at_ms INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (seller, operation)
  );
  `,
  `
  CREATE TABLE feed_intents (
    document_id TEXT PRIMARY KEY,
    seller TEXT NOT NULL,
    marketplace TEXT NOT NULL,
    feed_type TEXT NOT NULL,
    messages INTEGER NOT NULL,
    started_at TEXT NOT NULL
  );
  CREATE TABLE stock_pushes (
    seller TEXT NOT NULL,
    marketplace TEXT NOT NULL,
    sku TEXT NOT NULL,
    quantity INTEGER NOT NULL,
    document_id TEXT,
    message_id INTEGER,
    started_at TEXT NOT NULL,
    PRIMARY KEY (seller, marketplace, sku)
  );
  `,
  `
  ALTER TABLE order_items ADD COLUMN alloc_line_id TEXT;
  `,
  // Order changes after import: Amazon's lastUpdatedTime last handled, why pull-orders cancelled an
  // order, per item the quantity ordered, a cancelled line and its cause, a line quantity still to
  // set in Allocadence, and a buyer-requested line's cancellation on Amazon. The order items each
  // confirmed package carried. Items created by a first pull-items run whose quantity is still to import.
  `
  ALTER TABLE order_map ADD COLUMN amazon_updated TEXT;
  ALTER TABLE order_map ADD COLUMN cancel_cause TEXT;
  ALTER TABLE order_items ADD COLUMN ordered INTEGER;
  ALTER TABLE order_items ADD COLUMN cancel TEXT CHECK (cancel IN ('amazon', 'buyer', 'buyer-kept'));
  ALTER TABLE order_items ADD COLUMN pending INTEGER;
  ALTER TABLE order_items ADD COLUMN amazon_cancel TEXT CHECK (amazon_cancel IN ('submitted', 'done', 'rejected'));
  ALTER TABLE order_items ADD COLUMN amazon_cancel_feed TEXT;
  ALTER TABLE shipments ADD COLUMN order_items TEXT;
  CREATE TABLE item_creates (
    seller TEXT NOT NULL,
    marketplace TEXT NOT NULL,
    sku TEXT NOT NULL,
    quantity INTEGER NOT NULL,
    started_at TEXT NOT NULL,
    PRIMARY KEY (seller, marketplace, sku)
  );
  `,
  // A --since back-fill's own cursor, apart from the live checkpoint: a back-fill stopped by its
  // deadline continues from here in the next --since run, while cron runs go on from the checkpoint.
  `
  CREATE TABLE backfills (
    seller TEXT NOT NULL,
    marketplace TEXT NOT NULL,
    direction TEXT NOT NULL,
    since TEXT NOT NULL,
    cursor TEXT NOT NULL,
    run_id INTEGER,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (seller, marketplace, direction)
  );
  `,
  // Rolling-window limits (JSON_LISTINGS_FEED submissions): when each counted request went, per seller and region.
  `
  CREATE TABLE submission_windows (
    seller TEXT NOT NULL,
    region TEXT NOT NULL,
    name TEXT NOT NULL,
    sent_at_ms INTEGER NOT NULL
  );
  CREATE INDEX submission_windows_by_limit ON submission_windows (seller, region, name);
  `,
  // When an imported order must ship by (Amazon's shipByWindow end: no buyer data), for status; and
  // the Allocadence orders whose buyer data redact-pii blanked, or is about to (written before the call).
  `
  ALTER TABLE order_map ADD COLUMN ship_by TEXT;
  CREATE TABLE pii_redactions (
    alloc_order_id TEXT PRIMARY KEY,
    seller TEXT NOT NULL,
    order_number TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('redacting', 'done')),
    completed_at TEXT,
    updated_at TEXT NOT NULL
  );
  `,
];
