/** The reason the warehouse sees on an order cancelled because Amazon cancelled it. */
export const AMAZON_CANCEL_REASON = 'Cancelled on Amazon';

/** The reason the warehouse sees on an order cancelled because the buyer asked; push-status reads it back. */
export const BUYER_CANCEL_REASON = 'Buyer requested cancellation on Amazon';
