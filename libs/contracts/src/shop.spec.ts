import { formatOpeningHours, parseOpeningHours } from './shop.js';

describe('parseOpeningHours', () => {
  it('reads day ranges and single days, in any letter case', () => {
    expect(parseOpeningHours('Mon-Fri 09:00-18:00; sat 10:00-14:00')).toEqual([
      { days: ['mon', 'tue', 'wed', 'thu', 'fri'], opens: '09:00', closes: '18:00' },
      { days: ['sat'], opens: '10:00', closes: '14:00' },
    ]);
  });

  it('says what is wrong with a line that does not follow the form', () => {
    expect(parseOpeningHours('Mon-Fri 9-18')).toBe('"Mon-Fri 9-18" is not of the form "Mon-Fri 09:00-18:00"');
    expect(parseOpeningHours('Fri-Mon 09:00-18:00')).toBe('"Fri-Mon 09:00-18:00": the days run backwards');
    expect(parseOpeningHours('Mon 18:00-09:00')).toBe('"Mon 18:00-09:00": closing time must be after opening time');
    expect(parseOpeningHours('Mon-Fri 09:00-12:00; Fri 13:00-17:00')).toBe('"Fri 13:00-17:00": fri is listed twice');
    expect(parseOpeningHours(' ; ')).toBe('must list at least one day, e.g. "Mon-Fri 09:00-18:00"');
    expect(parseOpeningHours('Mon 24:00-25:00')).toMatch(/is not of the form/);
  });
});

describe('formatOpeningHours', () => {
  it('writes one line per entry with day and time ranges', () => {
    const hours = parseOpeningHours('Mon-Fri 09:00-18:00; Sat 10:00-14:00');
    expect(formatOpeningHours(hours as Exclude<typeof hours, string>)).toEqual(['Mon–Fri 09:00–18:00', 'Sat 10:00–14:00']);
  });
});
