// China's public holidays and the weekend days worked in their place (调休), as the State
// Council's General Office announces them each year (国务院办公厅关于节假日安排的通知). A year not
// listed counts weekends only; deployments add a new year's days with HUB_HOLIDAYS and
// HUB_WORKDAYS until it is listed here.
import type { WorkCalendar } from './working-days';

function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 24 * 3600_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

const HOLIDAYS = [
  // 2023
  ...days('2022-12-31', '2023-01-02'), // 元旦
  ...days('2023-01-21', '2023-01-27'), // 春节
  '2023-04-05', // 清明节
  ...days('2023-04-29', '2023-05-03'), // 劳动节
  ...days('2023-06-22', '2023-06-24'), // 端午节
  ...days('2023-09-29', '2023-10-06'), // 中秋节、国庆节
  // 2024
  '2024-01-01', // 元旦
  ...days('2024-02-10', '2024-02-17'), // 春节
  ...days('2024-04-04', '2024-04-06'), // 清明节
  ...days('2024-05-01', '2024-05-05'), // 劳动节
  '2024-06-10', // 端午节
  ...days('2024-09-15', '2024-09-17'), // 中秋节
  ...days('2024-10-01', '2024-10-07'), // 国庆节
  // 2025
  '2025-01-01', // 元旦
  ...days('2025-01-28', '2025-02-04'), // 春节
  ...days('2025-04-04', '2025-04-06'), // 清明节
  ...days('2025-05-01', '2025-05-05'), // 劳动节
  ...days('2025-05-31', '2025-06-02'), // 端午节
  ...days('2025-10-01', '2025-10-08'), // 国庆节、中秋节
];

const WORKDAYS = [
  '2023-01-28', '2023-01-29', '2023-04-23', '2023-05-06', '2023-06-25', '2023-10-07', '2023-10-08',
  '2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12',
  '2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11',
];

export const CHINA_WORK_CALENDAR: WorkCalendar = { holidays: new Set(HOLIDAYS), workdays: new Set(WORKDAYS) };

/** The calendar with a deployment's own additions (dates YYYY-MM-DD). */
export function withDays(calendar: WorkCalendar, holidays: readonly string[], workdays: readonly string[]): WorkCalendar {
  return { holidays: new Set([...calendar.holidays, ...holidays]), workdays: new Set([...(calendar.workdays ?? []), ...workdays]) };
}
