import { statusActions } from './repair-workspace.page';

describe('statusActions', () => {
  it('offers only what the contracts allow the role from the current status', () => {
    // The server may list more than the role's transitions; the UI never offers a system-only move.
    expect(statusActions({ status: 'submitted', availableStatuses: ['quoted', 'cancelled'] }, 'technician')).toEqual(['cancelled']);
    expect(statusActions({ status: 'quoted', availableStatuses: ['approved', 'cancelled'] }, 'technician')).toEqual(['cancelled']);
    expect(statusActions({ status: 'approved', availableStatuses: ['in_progress'] }, 'technician')).toEqual(['in_progress']);
    expect(statusActions({ status: 'in_progress', availableStatuses: ['completed'] }, 'admin')).toEqual(['completed']);
  });

  it('offers nothing the server does not allow this user (e.g. someone else’s repair) or on a closed repair', () => {
    expect(statusActions({ status: 'approved', availableStatuses: [] }, 'technician')).toEqual([]);
    expect(statusActions({ status: 'completed', availableStatuses: [] }, 'admin')).toEqual([]);
  });
});
