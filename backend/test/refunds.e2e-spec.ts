import type { MessageView, PaymentView, RepairDetail } from '@repairhub/contracts';
import { acceptQuote, quoteToPay } from './factories/payments.factory.js';
import { createStaff, registerCustomer, type TestUser } from './factories/users.factory.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** What the customer sees of a refund: the payment, the repair, an email with the receipt, a note in the chat. Test mode. */
describe('refunds the customer sees', () => {
  let t: TestApp;
  let customer: TestUser;
  let other: TestUser;
  let technician: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    t = await startTestApp({ STRIPE_SECRET_KEY: undefined, SHOP_NAME: 'Fix-It Corner', SHOP_ADDRESS: '3 Mill Lane, Leeds' });
    [customer, other, technician, admin] = await Promise.all([
      registerCustomer(t, 'Refund Customer'),
      registerCustomer(t, 'Other Customer'),
      createStaff(t, 'technician'),
      createStaff(t, 'admin'),
    ]);
  });
  afterAll(() => t?.close());

  const repairOf = async (id: string, user = customer) => (await t.api.get(`/repairs/${id}`, { token: user.token })).body as RepairDetail;
  const refundEmails = (paymentId: string) =>
    t.sql<{ to_address: string; subject: string; text_body: string }>(
      `SELECT to_address, subject, text_body FROM email_outbox WHERE template = 'payment_refunded' AND text_body LIKE $1 ORDER BY created_at, id`,
      [`%/receipts/${paymentId}%`],
    );
  const systemMessages = async (repairId: string) => {
    const conversation = (await t.api.post('/conversations', { repairRequestId: repairId }, { token: customer.token })).body as { id: string };
    const items = (await t.api.get(`/conversations/${conversation.id}/messages`, { token: customer.token })).body.items as MessageView[];
    return items.filter((m) => m.type === 'system').reverse();
  };
  const chatNotes = async (repairId: string) => (await systemMessages(repairId)).map((m) => m.content);

  it('shows a partial and then a full refund on the payment, the repair, in an email and in the chat', async () => {
    const { repair, quote } = await quoteToPay(t, customer, technician, { partsCost: 12_450, laborCost: 5_000, currency: 'usd' });
    const payment = await acceptQuote(t, customer, quote.id);
    expect((await t.api.post(`/payments/${payment.id}/test-confirm`, {}, { token: customer.token })).status).toBe(200);
    expect((await repairOf(repair.id)).payments).toEqual([
      expect.objectContaining({ id: payment.id, quoteId: quote.id, amount: 17_450, amountRefunded: 0, currency: 'usd', status: 'succeeded', testMode: true }),
    ]);

    expect((await t.api.post(`/payments/${payment.id}/refund`, { amount: 5_000, reason: 'Goodwill' }, { token: admin.token })).status).toBe(200);
    const partly = (await t.api.get(`/payments/${payment.id}`, { token: customer.token })).body as PaymentView;
    expect(partly).toMatchObject({ status: 'succeeded', amountRefunded: 5_000 });
    expect((await repairOf(repair.id)).payments[0]).toMatchObject({ status: 'succeeded', amountRefunded: 5_000 });

    const [partialEmail] = await refundEmails(payment.id);
    expect(partialEmail.to_address).toBe(customer.email);
    expect(partialEmail.subject).toMatch(/^Part of your payment for .+ is refunded \(R-\d+\)$/);
    expect(partialEmail.text_body).toContain('We refunded $50.00 of your $174.50 payment');
    expect(partialEmail.text_body).toContain('— Fix-It Corner\n3 Mill Lane, Leeds');

    expect((await t.api.post(`/payments/${payment.id}/refund`, { reason: 'Could not be repaired' }, { token: admin.token })).status).toBe(200);
    expect((await t.api.get(`/payments/${payment.id}`, { token: customer.token })).body).toMatchObject({ status: 'refunded', amountRefunded: 17_450 });
    expect((await repairOf(repair.id)).payments[0]).toMatchObject({ status: 'refunded', amountRefunded: 17_450 });
    const emails = await refundEmails(payment.id);
    expect(emails.map((e) => e.subject)).toEqual([expect.stringMatching(/^Part of your payment/), expect.stringMatching(/^Your payment for .+ is refunded \(R-\d+\)$/)]);

    expect(await chatNotes(repair.id)).toEqual([
      expect.stringMatching(/^The technician sent a quote: \$174\.50, valid until [A-Z][a-z]{2} \d{1,2}(, \d{4})?\.$/),
      'Payment received: $174.50. The repair is approved.',
      'Partly refunded: $50.00 of the $174.50 payment goes back to the customer.',
      'Refunded in full: $174.50 goes back to the customer.',
    ]);

    // Each note also carries what happened as data, for the apps to write in their reader's locale.
    expect((await systemMessages(repair.id)).map((m) => m.event)).toEqual([
      { kind: 'quote_issued', total: 17_450, currency: 'usd', expiresAt: quote.expiresAt, revised: false },
      { kind: 'payment_succeeded', amount: 17_450, currency: 'usd' },
      { kind: 'payment_refunded', amountRefunded: 5_000, amount: 17_450, currency: 'usd' },
      { kind: 'payment_refunded', amountRefunded: 17_450, amount: 17_450, currency: 'usd' },
    ]);

    // Another customer learns nothing of it.
    expect((await t.api.get(`/repairs/${repair.id}`, { token: other.token })).status).toBe(404);
    expect((await t.api.get(`/payments/${payment.id}`, { token: other.token })).status).toBe(404);
  });
});
