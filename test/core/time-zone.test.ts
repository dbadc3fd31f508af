import { describe, expect, it } from 'vitest';
import { checkTimeZone, dateInZone, displayInZone, isoInZone } from '../../src/core/time-zone.ts';

const T = new Date('2026-12-07T20:30:08.025Z');

describe('times in the report time zone', () => {
  it('ISO 8601 with the zone offset, whatever TZ the process has', () => {
    expect(isoInZone(T, 'Asia/Tokyo')).toBe('2026-12-08T05:30:08.025+09:00');
    expect(isoInZone(T, 'UTC')).toBe('2026-12-07T20:30:08.025+00:00');
    expect(isoInZone(T, 'America/New_York')).toBe('2026-12-07T15:30:08.025-05:00');
    expect(isoInZone(T, 'Asia/Kolkata')).toBe('2026-12-08T02:00:08.025+05:30');
    // The ISO form reads back as the same instant.
    expect(new Date(isoInZone(T, 'Asia/Tokyo')).getTime()).toBe(T.getTime());
  });

  it('reading form: date, time, abbreviation and offset; the date past 15:00 UTC is the next day in Japan', () => {
    expect(displayInZone(T, 'Asia/Tokyo')).toBe('2026-12-08 05:30:08 JST (+09:00)');
    expect(displayInZone(T.toISOString(), 'Asia/Tokyo', { seconds: false })).toBe('2026-12-08 05:30 JST (+09:00)');
    expect(displayInZone(T, 'Asia/Kolkata')).toBe('2026-12-08 02:00:08 +05:30');
    expect(dateInZone(T, 'Asia/Tokyo')).toBe('2026-12-08');
    expect(dateInZone(T, 'UTC')).toBe('2026-12-07');
    expect(displayInZone('not a time', 'Asia/Tokyo')).toBe('not a time');
  });

  it('an unknown zone is a usage error naming the option', () => {
    expect(checkTimeZone('Europe/Paris')).toBe('Europe/Paris');
    expect(() => checkTimeZone('Mars/Olympus')).toThrow(/--tz "Mars\/Olympus" is not a time zone/);
  });
});
