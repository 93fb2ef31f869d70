import { planEmailNormalization } from './1764230004917-normalized-emails.js';

describe('planEmailNormalization', () => {
  it('rewrites lone rows to the normalized form and reports rows that normalize alike', () => {
    const rows = [
      { id: '1', email: 'ada@example.com' },
      { id: '2', email: 'jose\u0301@example.com' },
      { id: '3', email: 'admin@example.com' },
      { id: '4', email: '\uff41dmin@example.com' },
      { id: '5', email: 'ana@b\u00fccher.de' },
    ];
    expect(planEmailNormalization(rows)).toEqual({
      updates: [
        { id: '2', email: 'jos\u00e9@example.com' },
        { id: '5', email: 'ana@xn--bcher-kva.de' },
      ],
      clashes: [[rows[2], rows[3]]],
    });
  });
});
