import { gzipSync } from 'node:zlib';
import { encodeText, type ReportCharset } from './charset';
import type { DocumentStore } from './documents';
import { isTerminal, jobTimes, JobStore, type Job, type OutcomeQueue, type ProcessingStatus } from './jobs';
import type { ListingStore } from './listing-store';
import { merchantListingsReport } from './merchant-listings-report';
import { iso } from './time';

export interface StoredReport extends Job {
  dataStartMs: number;
  dataEndMs: number;
  reportOptions?: Record<string, string>;
  documentId?: string;
}

/** The Report object of the model. */
export interface Report {
  reportId: string;
  reportType: string;
  marketplaceIds: string[];
  dataStartTime: string;
  dataEndTime: string;
  createdTime: string;
  processingStatus: ProcessingStatus;
  processingStartTime?: string;
  processingEndTime?: string;
  reportDocumentId?: string;
}

/** A report as `/__sim/state` shows it: the API's Report plus its owner and how often it was polled. */
export type SimReport = Report & { sellerId: string; polls: number };

export interface ReportSettings {
  /** getReport calls until the report is finished (default 3: IN_QUEUE, IN_PROGRESS, DONE). */
  polls: number;
  gzip: boolean;
  charset: ReportCharset;
}

export interface NewReport {
  reportType: string;
  marketplaceIds: string[];
  dataStartMs?: number;
  dataEndMs?: number;
  reportOptions?: Record<string, string>;
}

type ReportGenerator = (listings: ListingStore, report: StoredReport) => string;

/**
 * Report types with content; any other type is accepted and finishes with an empty document.
 * A new type is one row here.
 */
const GENERATORS: Record<string, ReportGenerator> = {
  GET_MERCHANT_LISTINGS_ALL_DATA: (listings, r) => merchantListingsReport(listings, r.sellerId, r.marketplaceIds[0] as string),
};

/** Reports of every seller; they advance one step per getReport call. */
export class ReportStore extends JobStore<StoredReport, Report> {
  constructor(
    private readonly listings: ListingStore,
    private readonly documents: DocumentStore,
    private readonly settings: ReportSettings,
    outcomes: OutcomeQueue,
  ) {
    super(50_000_000_000, settings, outcomes);
  }

  create(sellerId: string, spec: NewReport, nowMs: number): StoredReport {
    const own: Omit<StoredReport, keyof Job> = { dataStartMs: spec.dataStartMs ?? nowMs, dataEndMs: spec.dataEndMs ?? nowMs };
    if (spec.reportOptions) own.reportOptions = spec.reportOptions;
    return this.add(sellerId, spec.reportType, spec.marketplaceIds, nowMs, own);
  }

  protected override finish(r: StoredReport, nowMs: number): void {
    if (r.status === 'DONE') {
      const text = (GENERATORS[r.type] ?? (() => ''))(this.listings, r);
      r.documentId = this.store(r, encodeText(text, this.settings.charset), `text/plain;charset=${this.settings.charset}`, nowMs);
    } else if (r.status === 'FATAL') {
      // Amazon hands out a document with the error for a FATAL report.
      const text = JSON.stringify({
        errorDetails: `Report ${r.id} (${r.type}) could not be generated: a simulated fatal processing error.`,
      });
      r.documentId = this.store(r, Buffer.from(text, 'utf8'), 'application/json;charset=UTF-8', nowMs);
    }
  }

  override view(r: StoredReport): Report {
    const out: Report = {
      reportId: r.id,
      reportType: r.type,
      marketplaceIds: [...r.marketplaceIds],
      dataStartTime: iso(r.dataStartMs),
      dataEndTime: iso(r.dataEndMs),
      ...jobTimes(r),
      processingStatus: r.status,
    };
    if (isTerminal(r.status) && r.documentId) out.reportDocumentId = r.documentId;
    return out;
  }

  /** The state view: the Report plus its owner and poll count. */
  stateView(r: StoredReport): SimReport {
    return { ...this.view(r), sellerId: r.sellerId, polls: r.polls };
  }

  private store(r: StoredReport, plain: Buffer, contentType: string, nowMs: number): string {
    const content = this.settings.gzip
      ? { bytes: gzipSync(plain), contentType, compression: 'GZIP' as const }
      : { bytes: plain, contentType };
    return this.documents.createDownload(r.sellerId, 'report', content, nowMs).id;
  }
}
