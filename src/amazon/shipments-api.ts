import type { HttpClient } from '../http/client';

export interface PackageDetail {
  packageReferenceId: string;
  carrierCode: string;
  carrierName?: string;
  shippingMethod?: string;
  trackingNumber: string;
  shipDate: string;
  orderItems: { orderItemId: string; quantity: number }[];
}

/**
 * Orders v0 confirmShipment (not deprecated), one call per package; 204 on success. Not safe to
 * resend blindly: the caller checks the order's packages when an answer is lost.
 */
export async function confirmShipment(sp: HttpClient, orderId: string, marketplaceId: string, packageDetail: PackageDetail): Promise<void> {
  await sp.request({
    operation: 'confirmShipment',
    method: 'POST',
    path: `/orders/v0/orders/${encodeURIComponent(orderId)}/shipmentConfirmation`,
    data: { marketplaceId, packageDetail },
  });
}
