import type { PaymentListItem } from '@repairhub/contracts';
import { acceptQuote, quoteToPay } from './factories/payments.factory.js';
import { createStaff, registerCustomer } from './factories/users.factory.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('payments list', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('names the customer and the repair ticket on every row, for the admin and the owner', async () => {
    const [grace, tech, admin] = await Promise.all([registerCustomer(t, 'Grace Hopper'), createStaff(t, 'technician'), createStaff(t, 'admin')]);
    const { repair, quote } = await quoteToPay(t, grace, tech);
    const payment = await acceptQuote(t, grace, quote.id);

    for (const viewer of [admin, grace]) {
      const res = await t.api.get('/payments', { token: viewer.token });
      expect(res.status).toBe(200);
      const row = (res.body.items as PaymentListItem[]).find((p) => p.id === payment.id);
      expect(row).toMatchObject({ customerName: 'Grace Hopper', ticketNumber: repair.ticketNumber, amount: quote.total });
    }
  });
});
