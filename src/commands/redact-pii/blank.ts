import type { CustomerOrder, NewCustomerOrder } from '../../allocadence/types';
import { NO_SURNAME } from '../pull-orders/map';

/** What stands in for a name, street and city the order update requires to be non-empty (the create's rules, evidence §2.4). */
export const REDACTED = 'REDACTED';

/**
 * The customer and shipping address with the buyer's data blanked: name, company, street, city,
 * region, postcode, phone and e-mail. The country stays: it names no one, and the address needs it.
 * Sent as a partial `PUT /customer-orders/{id}` (evidence §2.7 [Z]), with the billing address the
 * same as shipping, so the copy made at create goes too.
 */
export function blanked(o: CustomerOrder): Pick<NewCustomerOrder, 'customer' | 'shippingAddress'> {
  return {
    customer: { name: REDACTED, surname: NO_SURNAME, email: '', company: '' },
    shippingAddress: {
      name: REDACTED,
      company: '',
      line1: REDACTED,
      line2: '',
      line3: '',
      city: REDACTED,
      state: '',
      zip: '',
      countryCode: o.shippingAddress?.countryCode || 'US',
      phone: '',
    },
  };
}

/** Whether nothing of the buyer is left on the order: blanked by an earlier run (or never there). */
export function isBlank(o: CustomerOrder): boolean {
  const c = o.customer;
  const a = o.shippingAddress;
  const fields = [
    c?.name,
    c?.surname,
    c?.email,
    c?.company,
    a?.name,
    a?.company,
    a?.line1,
    a?.line2,
    a?.line3,
    a?.city,
    a?.state,
    a?.zip,
    a?.phone,
  ];
  return fields.every((v) => !v?.trim() || v === REDACTED || v === NO_SURNAME);
}
