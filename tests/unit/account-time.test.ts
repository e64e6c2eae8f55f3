import { accountDay, accountOffset, accountWallTime, addDays, isTimeZone, parseAccountDate } from '../../src/allocadence/account-time';

const at = (iso: string): number => Date.parse(iso);

describe('account time', () => {
  test.each([
    ['America/Toronto', '2026-12-03 23:30:00', '2026-12-04T04:30:00.000Z'],
    ['Asia/Kolkata', '2026-12-03 23:30:00', '2026-12-03T18:00:00.000Z'],
    ['UTC', '2026-12-03 23:30:00', '2026-12-03T23:30:00.000Z'],
    // Summer time: the same wall clock is an hour earlier in UTC terms.
    ['Europe/Berlin', '2026-07-01 12:00:00', '2026-07-01T10:00:00.000Z'],
    ['Europe/Berlin', '2026-12-01 12:00:00', '2026-12-01T11:00:00.000Z'],
    // Date only: the start of that day in the zone.
    ['America/Los_Angeles', '2026-12-03', '2026-12-03T08:00:00.000Z'],
  ])('reads %s wall time %s as %s', (zone, text, iso) => {
    expect(new Date(parseAccountDate(text, zone) ?? NaN).toISOString()).toBe(iso);
  });

  test('takes a date with an offset as written, whatever the zone', () => {
    expect(parseAccountDate('2026-12-03T10:00:00-07:00', 'Asia/Tokyo')).toBe(at('2026-12-03T17:00:00Z'));
    expect(parseAccountDate('2026-12-03T10:00:00Z', 'America/Toronto')).toBe(at('2026-12-03T10:00:00Z'));
  });

  test.each(['', 'yesterday', '2026-02-31 10:00:00', '2026-12-03 24:00:00', '2026-13-01', '03/12/2026'])('refuses %p', (text) => {
    expect(parseAccountDate(text, 'UTC')).toBeUndefined();
  });

  test('days, wall time and offsets as the account sees them, across its midnight', () => {
    const justAfterMidnightToronto = at('2026-12-04T05:10:00Z');
    expect(accountDay(justAfterMidnightToronto, 'America/Toronto')).toBe('2026-12-04');
    expect(accountDay(justAfterMidnightToronto - 20 * 60_000, 'America/Toronto')).toBe('2026-12-03');
    expect(accountDay(at('2026-12-03T19:00:00Z'), 'Asia/Kolkata')).toBe('2026-12-04');
    expect(accountWallTime(justAfterMidnightToronto, 'America/Toronto')).toBe('2026-12-04 00:10:00');
    expect(accountOffset(justAfterMidnightToronto, 'America/Toronto')).toBe('-05:00');
    expect(accountOffset(at('2026-07-01T00:00:00Z'), 'America/Toronto')).toBe('-04:00');
    expect(accountOffset(0, 'Asia/Kolkata')).toBe('+05:30');
    expect(accountOffset(0, 'UTC')).toBe('+00:00');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  test('knows IANA names and refuses others', () => {
    expect(isTimeZone('America/Toronto')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});
