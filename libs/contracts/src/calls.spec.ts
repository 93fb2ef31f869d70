import { formatCallClock, formatCallDuration } from './calls.js';

describe('call durations', () => {
  it('reads as people say it', () => {
    expect(formatCallDuration(252)).toBe('4 min 12 s');
    expect(formatCallDuration(45)).toBe('45 s');
    expect(formatCallDuration(0)).toBe('0 s');
    expect(formatCallDuration(120)).toBe('2 min');
    expect(formatCallDuration(3720)).toBe('1 h 2 min');
    expect(formatCallDuration(7200)).toBe('2 h');
  });

  it('runs as a clock in the call', () => {
    expect(formatCallClock(0)).toBe('00:00');
    expect(formatCallClock(252.9)).toBe('04:12');
    expect(formatCallClock(3723)).toBe('1:02:03');
  });
});
