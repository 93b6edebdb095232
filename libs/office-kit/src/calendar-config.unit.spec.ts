import 'reflect-metadata';
import { addWorkingDays } from '@hub/dispute';
import { calendarFromEnv, ConfigError, loadConfig } from './config';

describe('the working-day calendar from configuration', () => {
  it("is China's, with the days a deployment adds", () => {
    const calendar = calendarFromEnv({ HUB_HOLIDAYS: '2026-03-09,2026-03-10', HUB_WORKDAYS: '2026-03-07' });
    expect(addWorkingDays('2026-03-06T09:00:00+08:00', 2, calendar)).toBe('2026-03-11T23:59:59+08:00');
    expect(addWorkingDays('2024-02-09T09:00:00+08:00', 1, calendarFromEnv({}))).toBe('2024-02-18T23:59:59+08:00');
  });

  it('refuses to start on a malformed date, naming the variable and the rule', () => {
    expect(() => loadConfig({ HUB_HOLIDAYS: '2026-3-9' }, 3000)).toThrow(ConfigError);
    expect(() => loadConfig({ HUB_WORKDAYS: '2026-03-07;2026-03-08' }, 3000)).toThrow(/HUB_WORKDAYS.*YYYY-MM-DD/);
  });
});
