/**
 * Times in reports are shown in the report's time zone (default Asia/Tokyo), never in the
 * machine's: a check run on a CI runner in UTC must still print the date a 課長 in Japan signs
 * under. Intl does the zone arithmetic (IANA database shipped with Node's ICU); this module only
 * picks the parts and formats them the two ways reports need:
 *   - ISO 8601 with the zone's offset, for report.json (`2026-12-08T05:30:08.025+09:00`);
 *   - a reading form with the zone's abbreviation or offset (`2026-12-08 05:30 JST (+09:00)`).
 */
import { UsageError } from './errors.ts';

export const DEFAULT_TIME_ZONE = 'Asia/Tokyo';

interface ZoneParts {
  year: string; month: string; day: string; hour: string; minute: string; second: string;
  /** `+09:00`, `-05:00`, `+00:00`. */
  offset: string;
  /** `JST`, `UTC`, `EST` when the zone has a letter abbreviation, else undefined. */
  abbreviation?: string;
}

const formatters = new Map<string, { parts: Intl.DateTimeFormat; offset: Intl.DateTimeFormat; abbrJa: Intl.DateTimeFormat; abbrEn: Intl.DateTimeFormat }>();

function formattersFor(timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = {
      parts: new Intl.DateTimeFormat('en-US', {
        timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
      }),
      offset: new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }),
      // ja-JP knows JST for Asia/Tokyo; en-US knows EST, PST … for the Americas.
      abbrJa: new Intl.DateTimeFormat('ja-JP', { timeZone, timeZoneName: 'short' }),
      abbrEn: new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' }),
    };
    formatters.set(timeZone, f);
  }
  return f;
}

/** The IANA name as given when Intl knows it; otherwise a usage error naming the option. */
export function checkTimeZone(timeZone: string, option = '--tz'): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new UsageError(`${option} ${JSON.stringify(timeZone)} is not a time zone this Node knows (use an IANA name such as Asia/Tokyo or UTC)`);
  }
  return timeZone;
}

function zoneName(f: Intl.DateTimeFormat, d: Date): string | undefined {
  return f.formatToParts(d).find((p) => p.type === 'timeZoneName')?.value;
}

function partsIn(d: Date, timeZone: string): ZoneParts {
  const f = formattersFor(timeZone);
  const p: Record<string, string> = {};
  for (const x of f.parts.formatToParts(d)) p[x.type] = x.value;
  // longOffset gives `GMT+09:00`, or just `GMT` for a zero offset.
  const gmt = zoneName(f.offset, d) ?? 'GMT';
  const offset = gmt === 'GMT' ? '+00:00' : gmt.slice(3);
  const letters = (s: string | undefined) => (s && /^[A-Z]{2,5}$/.test(s) ? s : undefined);
  return {
    year: p.year, month: p.month, day: p.day, hour: p.hour, minute: p.minute, second: p.second, offset,
    abbreviation: letters(zoneName(f.abbrJa, d)) ?? letters(zoneName(f.abbrEn, d)),
  };
}

function toDate(t: Date | string): Date | undefined {
  const d = typeof t === 'string' ? new Date(t) : t;
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** ISO 8601 with milliseconds and the zone's offset: `2026-12-08T05:30:08.025+09:00`. */
export function isoInZone(t: Date, timeZone: string): string {
  const p = partsIn(t, timeZone);
  const ms = String(t.getUTCMilliseconds()).padStart(3, '0');
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}.${ms}${p.offset}`;
}

/**
 * For people: `2026-12-08 05:30:08 JST (+09:00)`, or `… +05:30` for a zone without a letter
 * abbreviation. A string that is not a time is returned as it is (a report must still render).
 */
export function displayInZone(t: Date | string, timeZone: string, opts: { seconds?: boolean } = {}): string {
  const d = toDate(t);
  if (!d) return String(t);
  const p = partsIn(d, timeZone);
  const clock = `${p.hour}:${p.minute}${opts.seconds === false ? '' : `:${p.second}`}`;
  return `${p.year}-${p.month}-${p.day} ${clock} ${p.abbreviation ? `${p.abbreviation} (${p.offset})` : p.offset}`;
}

/** The calendar date in the zone: `2026-12-08`. */
export function dateInZone(t: Date | string, timeZone: string): string {
  const d = toDate(t);
  if (!d) return String(t);
  const p = partsIn(d, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}
