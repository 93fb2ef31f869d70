import type { StatusHistoryEntry } from '@repairhub/contracts';
import { timelineSteps } from './status-timeline.component';

const entry = (toStatus: StatusHistoryEntry['toStatus'], createdAt: string, note: string | null = null): StatusHistoryEntry => ({
  id: toStatus,
  fromStatus: null,
  toStatus,
  actorId: null,
  actorRole: 'system',
  note,
  createdAt,
});

describe('timelineSteps', () => {
  it('marks the steps behind, at and ahead of the current status, with when each was reached', () => {
    const steps = timelineSteps('approved', [entry('submitted', '2025-01-01T10:00:00Z'), entry('quoted', '2025-01-02T10:00:00Z'), entry('approved', '2025-01-03T10:00:00Z')]);
    expect(steps.map((s) => [s.status, s.state])).toEqual([
      ['submitted', 'done'],
      ['quoted', 'done'],
      ['approved', 'current'],
      ['in_progress', 'upcoming'],
      ['completed', 'upcoming'],
    ]);
    expect(steps[1].at).toBe('2025-01-02T10:00:00Z');
    expect(steps[3].at).toBeNull();
  });

  it('ends a cancelled repair at the cancellation, keeping the note', () => {
    const steps = timelineSteps('cancelled', [entry('submitted', '2025-01-01T10:00:00Z'), entry('cancelled', '2025-01-01T12:00:00Z', 'Fixed it myself')]);
    expect(steps.map((s) => [s.status, s.state])).toEqual([
      ['submitted', 'done'],
      ['cancelled', 'cancelled'],
    ]);
    expect(steps[1].note).toBe('Fixed it myself');
  });

  it('shows a completed repair with every step done', () => {
    expect(timelineSteps('completed', []).every((s) => s.state === 'done')).toBe(true);
  });
});
