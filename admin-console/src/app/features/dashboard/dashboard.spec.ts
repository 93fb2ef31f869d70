import { formatDuration, openGrid, weeklySeries } from './dashboard.page';

describe('dashboard helpers', () => {
  it('words durations the way people read them', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(12)).toBe('under 1 min');
    expect(formatDuration(45 * 60)).toBe('45 min');
    expect(formatDuration(3 * 3600 + 20 * 60)).toBe('3 h 20 min');
    expect(formatDuration(7200)).toBe('2 h');
    expect(formatDuration(52 * 3600)).toBe('2 d 4 h');
    expect(formatDuration(72 * 3600)).toBe('3 d');
  });

  it('lays open requests out as every open status × urgency, most urgent first, with totals', () => {
    const grid = openGrid({
      total: 4,
      cells: [
        { status: 'submitted', urgency: 'urgent', count: 2 },
        { status: 'submitted', urgency: 'low', count: 1 },
        { status: 'in_progress', urgency: 'normal', count: 1 },
      ],
    });
    expect(grid).toEqual([
      { status: 'submitted', counts: [2, 0, 0, 1], total: 3 },
      { status: 'quoted', counts: [0, 0, 0, 0], total: 0 },
      { status: 'approved', counts: [0, 0, 0, 0], total: 0 },
      { status: 'in_progress', counts: [0, 0, 1, 0], total: 1 },
    ]);
  });

  it('fills quiet weeks with zero and keeps currencies apart', () => {
    const series = weeklySeries(
      {
        weeks: 3,
        weekStarts: ['2026-11-09', '2026-11-16', '2026-11-23'],
        rows: [
          { weekStart: '2026-11-09', currency: 'usd', revenue: 1000, payments: 1, refunds: 0, refundCount: 0 },
          { weekStart: '2026-11-23', currency: 'eur', revenue: 500, payments: 1, refunds: 0, refundCount: 0 },
          { weekStart: '2026-11-23', currency: 'usd', revenue: 0, payments: 0, refunds: 250, refundCount: 1 },
        ],
      },
      'usd',
    );
    expect(series.map((w) => [w.weekStart, w.revenue, w.refunds])).toEqual([
      ['2026-11-09', 1000, 0],
      ['2026-11-16', 0, 0],
      ['2026-11-23', 0, 250],
    ]);
  });
});
