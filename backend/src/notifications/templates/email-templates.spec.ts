import { ESSENTIAL, excerpt, formatMoney, renderAccountEmail, renderEmail, type EmailContext } from './email-templates.js';

const shop = { name: 'Fix-It Corner', address: '3 Mill Lane, Leeds', openingHours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], opens: '09:00', closes: '17:30' }] } as const;
const ctx: EmailContext = {
  publicUrl: 'https://repairs.example.com/',
  shop: { ...shop, openingHours: [{ ...shop.openingHours[0], days: [...shop.openingHours[0].days] }] },
  recipientName: 'Ada <script>',
  repairId: 'r-1',
  ticketNumber: 'R-1042',
  deviceLabel: 'Apple "iPhone" & Co',
};

describe('email templates', () => {
  it('links customers to the portal and staff to the console, from PUBLIC_URL', () => {
    expect(renderEmail(ctx, { template: 'repair_completed' }).text).toContain('https://repairs.example.com/repairs/r-1');
    const staff = renderEmail(ctx, { template: 'customer_replied', customerName: 'Bob', excerpt: 'Hi' });
    expect(staff.text).toContain('https://repairs.example.com/console/repairs/r-1');
    expect(staff.html).toContain('href="https://repairs.example.com/console/repairs/r-1"');
  });

  it('gives customers the public tracking link when the repair has one, never staff', () => {
    const url = 'https://repairs.example.com/track/abc&def';
    const customer = renderEmail({ ...ctx, trackingUrl: url }, { template: 'repair_completed' });
    expect(customer.text).toContain(`Follow the repair without signing in: ${url}`);
    expect(customer.html).toContain('href="https://repairs.example.com/track/abc&amp;def"');
    expect(renderEmail({ ...ctx, trackingUrl: url }, { template: 'customer_replied', customerName: 'Bob', excerpt: 'Hi' }).text).not.toContain('/track/');
    expect(renderEmail({ ...ctx, trackingUrl: null }, { template: 'repair_completed' }).text).not.toContain('without signing in');
  });

  it('escapes every value in the HTML part and keeps the text part literal', () => {
    const mail = renderEmail(ctx, { template: 'customer_replied', customerName: '<b>Eve</b>', excerpt: '<img src=x onerror=alert(1)>' });
    expect(mail.html).not.toMatch(/<img|<b>Eve|<script>/);
    expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(mail.html).toContain('Apple &quot;iPhone&quot; &amp; Co');
    expect(mail.text).toContain('<img src=x onerror=alert(1)>');
  });

  it('names the files a customer attached, and never embeds them', () => {
    const mail = renderEmail(ctx, { template: 'customer_replied', customerName: 'Bob', excerpt: '', attachmentNames: ['swollen-battery.jpg', 'receipt.pdf'] });
    expect(mail.text).toContain('Attached: swollen-battery.jpg, receipt.pdf');
    expect(mail.text).not.toContain('“”');
    expect(mail.html).not.toMatch(/<img|data:/);
  });

  it('states amounts in the currency’s own units', () => {
    expect(formatMoney(12999, 'usd')).toBe('$129.99');
    const quote = renderEmail(ctx, { template: 'quote_issued', total: 12999, currency: 'usd', expiresAt: '2026-12-01T10:00:00.000Z' });
    expect(quote.subject).toContain('$129.99');
    expect(quote.text).toContain('Dec 1, 2026');
  });

  it('names the repair by its ticket number in every subject', () => {
    expect(renderEmail(ctx, { template: 'repair_completed' }).subject).toMatch(/\(R-1042\)$/);
    expect(renderEmail(ctx, { template: 'customer_replied', customerName: 'Bob', excerpt: 'Hi' }).subject).toContain('R-1042');
  });

  it('tells how to opt out only in non-essential emails', () => {
    expect(renderEmail(ctx, { template: 'quote_reminder', expiresAt: '2026-12-01T10:00:00.000Z' }).text).toContain('turn off');
    expect(renderEmail(ctx, { template: 'payment_failed', amount: 100, currency: 'usd', status: 'failed' }).text).not.toContain('turn off');
    expect(ESSENTIAL.payment_failed).toBe(true);
    expect(ESSENTIAL.quote_reminder).toBe(false);
  });

  it('reminds of a drop-off in the shop’s time zone, with the shop’s address, as a non-essential email', () => {
    const mail = renderEmail(ctx, { template: 'appointment_reminder', startsAt: '2026-07-02T09:30:00.000Z', timeZone: 'Europe/London' });
    expect(mail.subject).toMatch(/^Reminder: drop off your Apple "iPhone" & Co tomorrow at 10:30 .*R-1042/);
    expect(mail.text).toContain('Thu 2 Jul, 10:30 (shop time, Europe/London)');
    expect(mail.text).toContain(ctx.shop.address);
    expect(mail.text).toContain('turn off');
    expect(ESSENTIAL.appointment_reminder).toBe(false);
  });

  it('sends a password reset link to the portal for customers and to the console for staff, token URL-encoded', () => {
    const facts = { template: 'password_reset', token: 'a+b/c', expiresInMinutes: 30 } as const;
    const customer = renderAccountEmail(ctx, { ...facts, audience: 'customer' });
    expect(customer.text).toContain('https://repairs.example.com/reset-password?token=a%2Bb%2Fc');
    expect(customer.text).toContain('expires in 30 minutes');
    expect(customer.html).toContain('Hello Ada &lt;script&gt;');
    expect(renderAccountEmail(ctx, { ...facts, audience: 'staff' }).text).toContain('https://repairs.example.com/console/reset-password?token=a%2Bb%2Fc');
    expect(ESSENTIAL.password_reset).toBe(true);
  });

  it('shortens chat excerpts to one line', () => {
    expect(excerpt('a\n\n b', 10)).toBe('a b');
    expect(excerpt('x'.repeat(300), 10)).toHaveLength(10);
  });

  it('signs every email with the shop’s name and address', () => {
    const mail = renderEmail(ctx, { template: 'quote_reminder', expiresAt: '2026-12-01T10:00:00.000Z' });
    expect(mail.text).toContain('— Fix-It Corner\n3 Mill Lane, Leeds');
    expect(mail.html).toContain('<p>— Fix-It Corner<br>3 Mill Lane, Leeds</p>');
  });

  it('tells where and when to pick up a completed repair', () => {
    expect(renderEmail(ctx, { template: 'repair_completed' }).text).toContain('Pick it up at Fix-It Corner, 3 Mill Lane, Leeds. Opening hours: Mon–Fri 09:00–17:30.');
  });

  it('tells a full and a partial refund apart and links the receipt of the payment', () => {
    const full = renderEmail(ctx, { template: 'payment_refunded', paymentId: 'p-1', amount: 17_450, amountRefunded: 17_450, currency: 'usd' });
    expect(full.subject).toBe('Your payment for Apple "iPhone" & Co is refunded (R-1042)');
    expect(full.text).toContain('We refunded your payment of $174.50 for the repair of your Apple "iPhone" & Co in full.');
    expect(full.text).toContain('Your receipt: https://repairs.example.com/receipts/p-1');
    expect(full.html).toContain('<a href="https://repairs.example.com/receipts/p-1">Your receipt</a>');
    const partial = renderEmail(ctx, { template: 'payment_refunded', paymentId: 'p-1', amount: 17_450, amountRefunded: 5_000, currency: 'usd' });
    expect(partial.subject).toBe('Part of your payment for Apple "iPhone" & Co is refunded (R-1042)');
    expect(partial.text).toContain('We refunded $50.00 of your $174.50 payment');
    expect(ESSENTIAL.payment_refunded).toBe(true);
    expect(renderEmail(ctx, { template: 'payment_succeeded', paymentId: 'p-1', amount: 100, currency: 'usd' }).text).toContain('Your receipt: https://repairs.example.com/receipts/p-1');
  });
});
