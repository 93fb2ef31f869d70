import { toCheckInRequest, type CheckInFormValue } from './check-in-request';

const filled = (overrides: Partial<CheckInFormValue> = {}): CheckInFormValue => ({
  customer: { name: ' Grace Walker ', email: '', phone: '' },
  deviceId: '',
  device: { type: 'phone', brand: ' Google ', model: 'Pixel 8 ', serialNumber: ' ' },
  issueDescription: '  Cracked screen after a drop. ',
  urgency: 'high',
  condition: '',
  accessories: [],
  otherAccessories: '',
  depositNote: '   ',
  assignToMe: true,
  ...overrides,
});

describe('toCheckInRequest', () => {
  it('leaves out empty optional fields and trims the rest', () => {
    expect(toCheckInRequest(filled({ customer: { name: 'Grace', email: '', phone: ' +44 20 7946 0958 ' } }), false)).toEqual({
      customer: { name: 'Grace', email: undefined, phone: '+44 20 7946 0958' },
      device: { type: 'phone', brand: 'Google', model: 'Pixel 8' },
      issueDescription: 'Cracked screen after a drop.',
      urgency: 'high',
      condition: undefined,
      accessories: undefined,
      depositNote: undefined,
    });
  });

  it('sends the chosen device instead of the new-device fields', () => {
    const request = toCheckInRequest(filled({ deviceId: 'd-1' }), false);
    expect(request.deviceId).toBe('d-1');
    expect(request.device).toBeUndefined();
  });

  it('merges ticked and typed accessories without repeats', () => {
    const request = toCheckInRequest(filled({ accessories: ['Charger', 'Case'], otherAccessories: 'Case, memory card ,, ' }), false);
    expect(request.accessories).toEqual(['Charger', 'Case', 'memory card']);
  });

  it('says whether a technician takes the repair, and nothing for an admin', () => {
    expect(toCheckInRequest(filled({ assignToMe: false }), true).assignToMe).toBe(false);
    expect(toCheckInRequest(filled(), true).assignToMe).toBe(true);
    expect('assignToMe' in toCheckInRequest(filled(), false)).toBe(false);
  });
});
