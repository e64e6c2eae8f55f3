// Shared by the Reports simulator tests: a simulator per test selling in two marketplaces, and the client's steps against it.
import { gunzipSync } from 'node:zlib';
import { fetchDocument, pollJob, useAmazonSim, type AmazonSimSetup, type Json } from '../helpers/amazon-sim';
import { defined } from '../helpers/defined';

export const US = 'ATVPDKIKX0DER';
export const CA = 'A2EUQ1WTGCTBG2';
export const FAST = { rate: 100, burst: 1000 };
export const setup: AmazonSimSetup = {
  marketplaces: { A1SELLER: [US, CA] },
  rates: { createReport: FAST, getReport: FAST, getReports: FAST, cancelReport: FAST, getReportDocument: FAST },
};

export const REPORTS = '/reports/2021-06-30/reports';
export const LISTINGS_REPORT = { reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', marketplaceIds: [US] };

/** Registers a simulator per test (first seller in US and CA), and returns the report steps that use it. */
export function useReportsSim() {
  const amazon = useAmazonSim(setup);

  async function createReport(body: unknown = LISTINGS_REPORT): Promise<string> {
    const res = await amazon.call('POST', REPORTS, { body });
    expect(res.status).toBe(202);
    return res.body.reportId as string;
  }

  function pollUntilDone(reportId: string): Promise<Json> {
    return pollJob(amazon, `${REPORTS}/${reportId}`, 'report');
  }

  /** The report rows as objects keyed by column, after the client's own steps: document, download, gunzip. */
  async function downloadRows(reportId: string): Promise<Record<string, string>[]> {
    const report = await pollUntilDone(reportId);
    const doc = await amazon.get(`/reports/2021-06-30/documents/${report.reportDocumentId}`);
    const file = await fetchDocument(doc.body.url);
    const lines = gunzipSync(file.bytes).toString('utf8').trimEnd().split('\n');
    const header = defined(lines[0]).split('\t');
    return lines.slice(1).map((line) => Object.fromEntries(line.split('\t').map((v, i) => [header[i], v])));
  }

  function addCatalogue(): void {
    amazon.sim.addListings({
      listings: [
        { sku: 'MFN-1', title: 'Café Mug 12" Wide, 2 Pack', quantity: 7, price: '12.50', createdDate: '2026-01-15T16:30:00Z' },
        { sku: 'MFN-0', title: 'Müller Kettle – Größe L', quantity: 0, createdDate: '2026-02-20T12:00:00Z' },
        { sku: 'AFN-1', title: 'Amazon-fulfilled Lamp', fulfillment: 'AMAZON', price: 30 },
        { sku: 'TEE', title: 'Trail Tee', isParent: true, variationTheme: 'COLOR_NAME/SIZE_NAME', productType: 'SHIRT' },
        { sku: 'TEE-RED-M', title: 'Trail Tee, Red, M', parentSku: 'TEE', productType: 'SHIRT', quantity: 3 },
      ],
    });
    amazon.sim.addListings({ marketplaceId: CA, listings: [{ sku: 'CANADA-ONLY', quantity: 1 }] });
  }
  return { amazon, createReport, pollUntilDone, downloadRows, addCatalogue };
}
