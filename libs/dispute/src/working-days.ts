// Deadlines in working days (工作日), counted in China Standard Time (UTC+8): Saturdays, Sundays
// and public holidays do not count, except the weekend days made working days in their place
// (调休); a deadline falls at the end of its working day.

/** A year's working-day rules: public holidays, and weekend days worked instead. Dates are YYYY-MM-DD. */
export interface WorkCalendar {
  holidays: ReadonlySet<string>;
  workdays?: ReadonlySet<string>;
}

/** Weekends only, no public holidays. */
export const WEEKENDS_ONLY: WorkCalendar = { holidays: new Set() };

const CST_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** Local (UTC+8) calendar date of an instant, as YYYY-MM-DD. */
export function chinaDate(iso: string): string {
  return new Date(Date.parse(iso) + CST_OFFSET_MS).toISOString().slice(0, 10);
}

export function isWorkingDay(date: string, calendar: WorkCalendar): boolean {
  if (calendar.workdays?.has(date)) return true;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !calendar.holidays.has(date);
}

function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

/**
 * The end (23:59:59 UTC+8) of the `days`-th working day after `fromIso`'s local day;
 * 0 days means the end of the same day (emergencies). Returned as an ISO string with +08:00.
 */
export function addWorkingDays(fromIso: string, days: number, calendar: WorkCalendar = WEEKENDS_ONLY): string {
  let date = chinaDate(fromIso);
  for (let left = days; left > 0; ) {
    date = nextDate(date);
    if (isWorkingDay(date, calendar)) left--;
  }
  return `${date}T23:59:59+08:00`;
}

/** Working days from the local day of `fromIso` (exclusive) to that of `toIso` (inclusive). */
export function workingDaysBetween(fromIso: string, toIso: string, calendar: WorkCalendar = WEEKENDS_ONLY): number {
  let date = chinaDate(fromIso);
  const end = chinaDate(toIso);
  let count = 0;
  while (date < end) {
    date = nextDate(date);
    if (isWorkingDay(date, calendar)) count++;
  }
  return count;
}
