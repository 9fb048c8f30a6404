/**
 * Due dates: an ISO 8601 date-time with an explicit offset (`2026-12-01T23:59:00+01:00`) plus the
 * teacher's IANA time zone name, so every reader sees the same instant and the sheet can say
 * "23:59 Europe/Berlin". Pure Intl, no library.
 */

const ISO_WITH_OFFSET =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Whether `text` is a date-time with an offset that names a real instant. */
export function isIsoWithOffset(text: string): boolean {
  return ISO_WITH_OFFSET.test(text) && !Number.isNaN(Date.parse(text));
}

/** Whether the runtime knows the IANA time zone `name` (e.g. `Europe/Berlin`, `UTC`). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Minutes `timeZone` is ahead of UTC at the instant `epochMs`. */
function offsetMinutes(epochMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(epochMs));
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 60_000);
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * A wall-clock time in `timeZone` (what `<input type="datetime-local">` gives, `2026-12-01T23:59`)
 * as an ISO date-time with that zone's offset at that moment.
 * @example zonedToIso('2026-07-01T12:00', 'Europe/Berlin') // '2026-07-01T12:00:00+02:00'
 */
export function zonedToIso(local: string, timeZone: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!match) throw new Error(`"${local}" is not a date and time like 2026-12-01T23:59.`);
  const [, y, mo, d, h, mi, s = '00'] = match;
  const wall = Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +s);
  // The offset depends on the instant, which depends on the offset: two rounds settle it (DST included).
  let offset = offsetMinutes(wall, timeZone);
  offset = offsetMinutes(wall - offset * 60_000, timeZone);
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${formatOffset(offset)}`;
}

/** Whether `submittedAt` (any ISO date-time) is after `due`. */
export function isLate(submittedAt: string, due: string): boolean {
  return Date.parse(submittedAt) > Date.parse(due);
}

/** The due time as the teacher set it, in their zone and named: "Tuesday, 1 December 2026 at 23:59 (Europe/Berlin)". */
export function dueText(due: string, timeZone: string): string {
  const local = new Intl.DateTimeFormat(undefined, {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone,
  }).format(new Date(due));
  return `${local} (${timeZone})`;
}
