import { REPAIR_STATUSES, URGENCY_QUEUE_ORDER } from '@repairhub/contracts';
import { actorFor, availableStatuses, transitionRefusal, URGENCY_RANK } from './repair.policy.js';

const owner = { id: 'cust-1', role: 'customer' as const };
const stranger = { id: 'cust-2', role: 'customer' as const };
const tech = { id: 'tech-1', role: 'technician' as const };
const otherTech = { id: 'tech-2', role: 'technician' as const };
const admin = { id: 'admin-1', role: 'admin' as const };
const repair = { customerId: 'cust-1', assignedTechnicianId: 'tech-1' };

describe('actorFor', () => {
  it('maps the owner, the assigned technician and any admin to their roles', () => {
    expect(actorFor(owner, repair)).toBe('customer');
    expect(actorFor(tech, repair)).toBe('technician');
    expect(actorFor(admin, repair)).toBe('admin');
  });

  it('gives no role to another customer or a technician who is not assigned', () => {
    expect(actorFor(stranger, repair)).toBeNull();
    expect(actorFor(otherTech, repair)).toBeNull();
    expect(actorFor(tech, { ...repair, assignedTechnicianId: null })).toBeNull();
  });
});

describe('availableStatuses', () => {
  it('offers the owner only cancellation, and only before work starts', () => {
    expect(availableStatuses(owner, { ...repair, status: 'submitted' })).toEqual(['cancelled']);
    expect(availableStatuses(owner, { ...repair, status: 'quoted' })).toEqual(['cancelled']);
    expect(availableStatuses(owner, { ...repair, status: 'approved' })).toEqual([]);
  });

  it('offers the assigned technician the work steps and nothing that a payment decides', () => {
    expect(availableStatuses(tech, { ...repair, status: 'approved' })).toEqual(['in_progress']);
    expect(availableStatuses(tech, { ...repair, status: 'in_progress' })).toEqual(['completed']);
    expect(availableStatuses(tech, { ...repair, status: 'quoted' })).toEqual(['cancelled']);
    expect(availableStatuses(otherTech, { ...repair, status: 'approved' })).toEqual([]);
  });
});

describe('transitionRefusal', () => {
  it('allows what the contracts table allows', () => {
    expect(transitionRefusal('approved', 'in_progress', 'technician')).toBeNull();
    expect(transitionRefusal('submitted', 'cancelled', 'customer')).toBeNull();
  });

  it('forbids a move that exists for someone else', () => {
    expect(transitionRefusal('quoted', 'approved', 'customer')).toBe('forbidden');
    expect(transitionRefusal('submitted', 'quoted', 'technician')).toBe('forbidden');
    expect(transitionRefusal('approved', 'in_progress', 'customer')).toBe('forbidden');
  });

  it('calls a move no one may make invalid, including repeating the current status', () => {
    for (const status of REPAIR_STATUSES) expect(transitionRefusal(status, status, 'admin')).toBe('invalid');
    expect(transitionRefusal('completed', 'in_progress', 'admin')).toBe('invalid');
    expect(transitionRefusal('approved', 'cancelled', 'customer')).toBe('invalid');
  });
});

it('ranks urgency in queue order', () => {
  const byRank = [...URGENCY_QUEUE_ORDER].sort((a, b) => URGENCY_RANK[a] - URGENCY_RANK[b]);
  expect(byRank).toEqual(['urgent', 'high', 'normal', 'low']);
});
