import { CHINA_WORK_CALENDAR, withDays } from './china-calendar';
import { addWorkingDays, chinaDate, workingDaysBetween } from './working-days';

const NEW_YEARS_DAY_2024 = { holidays: new Set(['2024-01-01']) };
/** 2024 Spring Festival: the weekdays of the 10–17 February holiday. */
const SPRING_FESTIVAL_2024 = { holidays: new Set(['2024-02-12', '2024-02-13', '2024-02-14', '2024-02-15', '2024-02-16']) };

describe('working days (工作日) in China time', () => {
  describe('the local day of an instant', () => {
    it('is the UTC+8 date: 17:00 UTC on 27 December is already 28 December in Guan County', () => {
      expect(chinaDate('2023-12-27T17:00:00Z')).toBe('2023-12-28');
    });

    it('is still the same date one second before local midnight', () => {
      expect(chinaDate('2023-12-27T15:59:59Z')).toBe('2023-12-27');
      expect(chinaDate('2023-12-27T23:59:59+08:00')).toBe('2023-12-27');
    });

    it('reads times given with other offsets in China time', () => {
      expect(chinaDate('2024-02-20T10:00:00+08:00')).toBe('2024-02-20');
      expect(chinaDate('2024-02-19T20:30:00-05:00')).toBe('2024-02-20');
    });
  });

  describe('a deadline some working days after receipt', () => {
    it('falls on the same day for an emergency, at the end of that day', () => {
      expect(addWorkingDays('2023-12-27T09:30:00+08:00', 0)).toBe('2023-12-27T23:59:59+08:00');
    });

    it('falls on the same day for an emergency even at a weekend', () => {
      expect(addWorkingDays('2023-12-30T22:00:00+08:00', 0)).toBe('2023-12-30T23:59:59+08:00');
    });

    it('counts from the next day: one working day after a Wednesday is Thursday', () => {
      expect(addWorkingDays('2024-02-28T09:00:00+08:00', 1)).toBe('2024-02-29T23:59:59+08:00');
    });

    it('skips Saturday and Sunday: three working days after a Thursday end on Tuesday', () => {
      expect(addWorkingDays('2023-12-28T09:00:00+08:00', 3)).toBe('2024-01-02T23:59:59+08:00');
    });

    it('from a Saturday starts counting on Monday', () => {
      expect(addWorkingDays('2023-12-30T10:00:00+08:00', 1)).toBe('2024-01-01T23:59:59+08:00');
    });

    it('crosses the end of a month', () => {
      expect(addWorkingDays('2024-01-31T09:00:00+08:00', 3)).toBe('2024-02-05T23:59:59+08:00');
    });

    it('crosses the end of a year: 13 working days after 27 December 2023 end on 15 January 2024', () => {
      expect(addWorkingDays('2023-12-27T09:30:00+08:00', 13)).toBe('2024-01-15T23:59:59+08:00');
    });

    it('does not count a public holiday', () => {
      expect(addWorkingDays('2023-12-29T09:00:00+08:00', 3)).toBe('2024-01-03T23:59:59+08:00');
      expect(addWorkingDays('2023-12-29T09:00:00+08:00', 3, NEW_YEARS_DAY_2024)).toBe('2024-01-04T23:59:59+08:00');
    });

    it('does not count the Spring Festival week', () => {
      expect(addWorkingDays('2024-02-08T09:00:00+08:00', 3, SPRING_FESTIVAL_2024)).toBe('2024-02-20T23:59:59+08:00');
    });

    it('counts from the China-time day: a call at 01:00 on 28 December (17:00 UTC the day before) is a Thursday call', () => {
      expect(addWorkingDays('2023-12-27T17:00:00Z', 3)).toBe('2024-01-02T23:59:59+08:00');
      expect(addWorkingDays('2023-12-27T15:59:59Z', 3)).toBe('2024-01-01T23:59:59+08:00');
    });

    it('moves on from an earlier deadline by whole working days', () => {
      expect(addWorkingDays('2024-01-15T23:59:59+08:00', 5)).toBe('2024-01-22T23:59:59+08:00');
    });
  });

  describe('working days between two instants', () => {
    it('is none within one day', () => {
      expect(workingDaysBetween('2023-12-28T09:00:00+08:00', '2023-12-28T18:00:00+08:00')).toBe(0);
    });

    it('counts the days after the first up to and including the last', () => {
      expect(workingDaysBetween('2024-01-08T09:00:00+08:00', '2024-01-12T09:00:00+08:00')).toBe(4);
    });

    it('does not count a weekend: Friday to Monday is one working day', () => {
      expect(workingDaysBetween('2023-12-29T09:00:00+08:00', '2024-01-01T09:00:00+08:00')).toBe(1);
    });

    it('does not count a public holiday', () => {
      expect(workingDaysBetween('2023-12-29T09:00:00+08:00', '2024-01-02T09:00:00+08:00', NEW_YEARS_DAY_2024)).toBe(1);
    });

    it('uses China-time days at both ends', () => {
      expect(workingDaysBetween('2023-12-27T15:00:00Z', '2023-12-27T17:00:00Z')).toBe(1);
    });

    it('is none when the end comes before the start', () => {
      expect(workingDaysBetween('2024-01-12T09:00:00+08:00', '2024-01-08T09:00:00+08:00')).toBe(0);
    });

    it('undoes adding working days', () => {
      const due = addWorkingDays('2023-12-27T09:30:00+08:00', 13, NEW_YEARS_DAY_2024);
      expect(workingDaysBetween('2023-12-27T09:30:00+08:00', due, NEW_YEARS_DAY_2024)).toBe(13);
    });
  });
});

describe("China's working-day calendar (public holidays and 调休)", () => {
  it('does not count New Year’s Day: the water-card work order of 27 December 2023 is due on 16 January 2024', () => {
    expect(addWorkingDays('2023-12-27T09:30:00+08:00', 13, CHINA_WORK_CALENDAR)).toBe('2024-01-16T23:59:59+08:00');
  });

  it('skips the 2024 Spring Festival and counts the Sunday worked after it', () => {
    expect(addWorkingDays('2024-02-09T09:00:00+08:00', 3, CHINA_WORK_CALENDAR)).toBe('2024-02-20T23:59:59+08:00');
    expect(addWorkingDays('2024-02-09T09:00:00+08:00', 1, CHINA_WORK_CALENDAR)).toBe('2024-02-18T23:59:59+08:00');
  });

  it('counts the Sunday worked before a holiday', () => {
    expect(addWorkingDays('2024-02-02T09:00:00+08:00', 1, CHINA_WORK_CALENDAR)).toBe('2024-02-04T23:59:59+08:00');
  });

  it('skips the 2023 Mid-Autumn and National Day holiday and counts the weekend worked after it', () => {
    expect(addWorkingDays('2023-09-28T09:00:00+08:00', 3, CHINA_WORK_CALENDAR)).toBe('2023-10-09T23:59:59+08:00');
  });

  it('counts weekends only in a year it does not list, and takes a deployment’s own days', () => {
    expect(addWorkingDays('2026-03-06T09:00:00+08:00', 1, CHINA_WORK_CALENDAR)).toBe('2026-03-09T23:59:59+08:00');
    const extended = withDays(CHINA_WORK_CALENDAR, ['2026-03-09'], ['2026-03-07']);
    expect(addWorkingDays('2026-03-06T09:00:00+08:00', 2, extended)).toBe('2026-03-10T23:59:59+08:00');
    expect(workingDaysBetween('2024-02-09T09:00:00+08:00', '2024-02-20T09:00:00+08:00', CHINA_WORK_CALENDAR)).toBe(3);
  });
});
