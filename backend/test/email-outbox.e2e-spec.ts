import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRepair, issueQuote } from './factories/repairs.factory.js';
import { createStaff, registerCustomer, type TestUser } from './factories/users.factory.js';
import { expectProblem } from './support/api-client.js';
import { waitFor } from './support/processes.js';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.js';
import { createTestDatabase, startTestApp, type TestApp } from './support/test-app.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const quoteEmails = (t: TestApp, quoteId: string) =>
  t.sql<{ status: string; to_address: string }>(`SELECT status, to_address FROM email_outbox WHERE dedupe_key LIKE $1`, [`quote.issued:${quoteId}:%`]);

describe('emails are written in the transaction of the change that causes them', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let customer: TestUser;
  let technician: TestUser;

  beforeAll(async () => {
    sink = await startSmtpSink();
    // No worker: what a request leaves behind is exactly what its transaction committed.
    t = await startTestApp({ SMTP_URL: sink.url, EMAIL_WORKER_ENABLED: 'false' });
    [customer, technician] = await Promise.all([registerCustomer(t, 'Tina Transaction'), createStaff(t, 'technician')]);
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  it('has the email waiting to be sent as soon as the change has answered', async () => {
    const repair = await createRepair(t, customer);
    const quote = await issueQuote(t, technician, repair.id);
    expect(await quoteEmails(t, quote.id)).toEqual([{ status: 'pending', to_address: customer.email }]);
  });

  it('does not make the change when its email cannot be recorded', async () => {
    const refused = await registerCustomer(t, 'Rita Refused');
    const repair = await createRepair(t, refused);
    await t.sql(`ALTER TABLE email_outbox ADD CONSTRAINT test_refuses_rita CHECK (to_address <> '${refused.email}')`);
    try {
      expectProblem(await t.api.post('/quotes', { repairRequestId: repair.id, partsCost: 1000, laborCost: 500, currency: 'usd' }, { token: technician.token }), 500);
    } finally {
      await t.sql(`ALTER TABLE email_outbox DROP CONSTRAINT test_refuses_rita`);
    }
    const detail = (await t.api.get(`/repairs/${repair.id}`, { token: refused.token })).body;
    expect(detail).toMatchObject({ status: 'submitted', quotes: [] });
    expect(await t.sql(`SELECT 1 FROM email_outbox WHERE to_address = $1`, [refused.email])).toEqual([]);
  });

  it('records no email for a change that rolls back at commit, after the email was written', async () => {
    const repair = await createRepair(t, customer);
    // A deferred check fails at COMMIT, after the outbox row was written inside the transaction.
    await t.sql(`CREATE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused at commit'; END $$`);
    await t.sql(
      `CREATE CONSTRAINT TRIGGER test_refuse_at_commit AFTER INSERT ON quotes DEFERRABLE INITIALLY DEFERRED
         FOR EACH ROW WHEN (NEW.notes = 'refused at commit') EXECUTE FUNCTION test_refuse()`,
    );
    try {
      const body = { repairRequestId: repair.id, partsCost: 1000, laborCost: 500, currency: 'usd', notes: 'refused at commit' };
      expectProblem(await t.api.post('/quotes', body, { token: technician.token }), 500);
    } finally {
      await t.sql(`DROP TRIGGER test_refuse_at_commit ON quotes`);
      await t.sql(`DROP FUNCTION test_refuse()`);
    }
    expect((await t.api.get(`/repairs/${repair.id}`, { token: customer.token })).body.quotes).toEqual([]);
    expect(await t.sql(`SELECT 1 FROM email_outbox WHERE template = 'quote_issued' AND text_body LIKE $1`, [`%${repair.id}%`])).toEqual([]);
    expect(sink.messages).toEqual([]);
  });
});

describe('email delivery when the mail server refuses', () => {
  let sink: SmtpSink;
  let t: TestApp;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ SMTP_URL: sink.url, EMAIL_POLL_MS: '100', EMAIL_RETRY_BASE_MS: '200' });
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  it('tries again with backoff and sends the email once it is accepted', async () => {
    const [customer, technician] = await Promise.all([registerCustomer(t, 'Pat Patient'), createStaff(t, 'technician')]);
    sink.refuse(2);
    const repair = await createRepair(t, customer);
    const quote = await issueQuote(t, technician, repair.id);
    await sink.next((m) => m.text.includes(repair.id));
    // The mail server has the message before the worker records the delivery: wait for the record.
    const rows = await waitFor('the delivery to be recorded', async () => {
      const found = await t.sql<{ status: string }>(`SELECT status, attempts, last_error FROM email_outbox WHERE dedupe_key LIKE $1`, [`quote.issued:${quote.id}:%`]);
      return found.every((row) => row.status !== 'pending') ? found : undefined;
    });
    expect(rows).toEqual([{ status: 'sent', attempts: 3, last_error: null }]);
    expect(sink.messages.filter((m) => m.text.includes(repair.id))).toHaveLength(1);
  });
});

describe('email outbox across a restart', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rh-emails-'));
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let sink: SmtpSink;
  let t: TestApp | null = null;

  beforeAll(async () => {
    database = await createTestDatabase();
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    await t?.stop();
    await database.drop();
    await sink.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('sends an email committed just before the app stopped, once, after it starts again', async () => {
    // The first instance never gets to send (its worker is off): as if it died right after the commit.
    t = await startTestApp({ DATA_DIR: dataDir, SMTP_URL: sink.url, EMAIL_WORKER_ENABLED: 'false' }, database);
    const customer = await registerCustomer(t, 'Rhea Restart');
    const technician = await createStaff(t, 'technician');
    const repair = await createRepair(t, customer);
    const quote = await issueQuote(t, technician, repair.id);
    await t.stop();
    t = null;
    expect(sink.messages).toEqual([]);

    t = await startTestApp({ DATA_DIR: dataDir, SMTP_URL: sink.url, EMAIL_POLL_MS: '100' }, database);
    const mail = await sink.next((m) => m.text.includes(repair.id));
    expect(mail.to).toEqual([customer.email]);
    // More rounds find nothing due: it is not sent again.
    await t.call('notifications/email-delivery.worker.js', 'EmailDeliveryWorker', 'runOnce');
    await sleep(500);
    expect(sink.messages).toHaveLength(1);
    expect(await quoteEmails(t, quote.id)).toEqual([{ status: 'sent', to_address: customer.email }]);
  });
});
