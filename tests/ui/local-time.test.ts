import { describe, expect, it } from 'vitest';
import { localTime } from '../../lib/ui/local-time';

const INSTANT = '2023-02-10T21:05:47Z';

describe('localTime', () => {
  it('shows the time in the given zone and keeps the UTC instant', () => {
    expect(localTime(INSTANT, { timeZone: 'Asia/Tokyo', locale: 'en-GB' })).toEqual({ text: '11 Feb 2023, 06:05 GMT+9', utc: '2023-02-10T21:05:47.000Z' });
    expect(localTime(INSTANT, { timeZone: 'America/New_York', locale: 'en-GB' })).toEqual({ text: '10 Feb 2023, 16:05 GMT-5', utc: '2023-02-10T21:05:47.000Z' });
    expect(localTime(INSTANT, { timeZone: 'UTC', locale: 'en-GB' })?.text).toBe('10 Feb 2023, 21:05 UTC');
  });

  it('days: the date in that zone, which may be the next day', () => {
    expect(localTime(INSTANT, { timeZone: 'Asia/Tokyo', locale: 'en-GB', precision: 'day' })?.text).toBe('11 Feb 2023');
    expect(localTime(INSTANT, { timeZone: 'Europe/London', locale: 'en-GB', precision: 'day' })?.text).toBe('10 Feb 2023');
  });

  it('reads offsets and fractions as one instant', () => {
    expect(localTime('2024-06-25T22:11:13.142000+00:00', { timeZone: 'UTC' })?.utc).toBe('2024-06-25T22:11:13.142Z');
    expect(localTime('2024-06-26T07:11:13+09:00', { timeZone: 'UTC' })?.utc).toBe('2024-06-25T22:11:13.000Z');
  });

  it.each([undefined, '', 'yesterday', '2024-13-45T99:00:00Z'])('no time for %s', (value) => {
    expect(localTime(value, { timeZone: 'UTC' })).toBeUndefined();
  });

  it('defaults to the zone the runtime has (the browser\u2019s)', () => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(localTime(INSTANT)?.text).toBe(localTime(INSTANT, { timeZone: zone })?.text);
  });
});
