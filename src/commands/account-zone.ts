import { DEFAULT_ACCOUNT_TIME_ZONE } from '../allocadence/account-time';
import type { CommandContext } from './context';

/** The warehouse account's IANA zone: what its legacy dates are written in and its date filters count days in. */
export function accountZone(ctx: Pick<CommandContext, 'loaded'>): string {
  return ctx.loaded.config.allocadence.timeZone ?? DEFAULT_ACCOUNT_TIME_ZONE;
}
