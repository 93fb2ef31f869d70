import type { EntityManager } from 'typeorm';
import { EmailOutbox } from './email-outbox.js';
import type { EmailSender } from './email-sender.js';
import type { NotificationsRepository } from './notifications.repository.js';

describe('EmailOutbox', () => {
  const mail = { subject: 'Your quote for R-7', text: 'Hello', html: '<p>Hello</p>' };
  const setUp = () => {
    const added: { toAddress: string; status: string }[] = [];
    const outbox = new EmailOutbox({ enabled: false } as EmailSender, { addEmail: async (_m: EntityManager, e: (typeof added)[number]) => void added.push(e) } as unknown as NotificationsRepository);
    return { outbox, added };
  };

  it('writes nothing for a customer without an email, so no delivery can fail', async () => {
    const { outbox, added } = setUp();
    await outbox.write({} as EntityManager, { dedupeKey: 'quote.issued:q1', template: 'quote_issued', recipient: { id: 'u1', email: null, emailNonEssential: true }, mail });
    expect(added).toEqual([]);
  });

  it('keeps an email to an address, without SMTP, as stored', async () => {
    const { outbox, added } = setUp();
    await outbox.write({} as EntityManager, { dedupeKey: 'quote.issued:q2', template: 'quote_issued', recipient: { id: 'u2', email: 'ada@example.test', emailNonEssential: true }, mail });
    expect(added).toEqual([expect.objectContaining({ toAddress: 'ada@example.test', status: 'stored' })]);
  });
});
