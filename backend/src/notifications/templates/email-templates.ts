import { formatMoney as formatMoneyIn, formatOpeningHours, formatShopDateTime, type Currency, type OpeningHours } from '@repairhub/contracts';

/**
 * Every email RepairHub sends, in one place: a subject, a plain-text part and an HTML part built from
 * the same facts. Values are escaped in the HTML part; links point at PUBLIC_URL (the customer portal
 * at `/`, the console at `/console/`). Pure functions, so the wording is unit-tested directly.
 */

/** Who sends: signs every email and says where to pick devices up (the SHOP_* settings). */
export interface EmailSender {
  name: string;
  address: string;
  openingHours: OpeningHours[];
}

/** What every template knows about the recipient and the repair it is about. */
export interface EmailContext {
  publicUrl: string;
  shop: EmailSender;
  recipientName: string;
  repairId: string;
  /** `R-1042`: in every subject, so a reply or a phone call can name the repair. */
  ticketNumber: string;
  /** "Apple iPhone 13", from the repair's device. */
  deviceLabel: string;
  /** The repair's public status page: customers' emails link it for following the repair without signing in. */
  trackingUrl?: string | null;
}

export type EmailFacts =
  | { template: 'quote_issued'; total: number; currency: Currency; expiresAt: string }
  | { template: 'payment_succeeded'; paymentId: string; amount: number; currency: Currency }
  | { template: 'payment_refunded'; paymentId: string; amount: number; amountRefunded: number; currency: Currency }
  | { template: 'payment_failed'; amount: number; currency: Currency; status: 'failed' | 'canceled' }
  | { template: 'repair_completed' }
  | { template: 'quote_reminder'; expiresAt: string }
  | { template: 'appointment_reminder'; startsAt: string; timeZone: string }
  | { template: 'customer_replied'; customerName: string; excerpt: string; attachmentNames?: string[] }
  | { template: 'missed_call'; callerName: string; audience: 'customer' | 'staff' };

/** Emails about the account rather than a repair. */
export type AccountEmailFacts =
  | { template: 'password_reset'; token: string; audience: 'customer' | 'staff'; expiresInMinutes: number }
  | { template: 'account_invitation'; token: string; audience: 'customer'; expiresInMinutes: number; ticketNumber: string; trackingUrl: string };

export type EmailTemplate = EmailFacts['template'] | AccountEmailFacts['template'];

/**
 * Essential emails are sent whatever the user's preference (money and the outcome of the repair);
 * reminders and chat nudges are non-essential and follow `users.email_non_essential`.
 */
export const ESSENTIAL: Readonly<Record<EmailTemplate, boolean>> = {
  quote_issued: true,
  payment_succeeded: true,
  payment_failed: true,
  payment_refunded: true,
  repair_completed: true,
  quote_reminder: false,
  appointment_reminder: false,
  customer_replied: false,
  missed_call: false,
  password_reset: true,
  account_invitation: true,
};

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export const formatMoney = (amount: number, currency: Currency): string => formatMoneyIn(amount, currency, 'en-US');

const formatDate = (iso: string) =>
  new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(iso)) + ' UTC';

const formatShopTime = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(new Date(iso));

/** The repair's page: the portal for customers, the console for staff. */
export function repairLink(publicUrl: string, repairId: string, audience: 'customer' | 'staff'): string {
  const base = publicUrl.replace(/\/$/, '');
  return audience === 'customer' ? `${base}/repairs/${encodeURIComponent(repairId)}` : `${base}/console/repairs/${encodeURIComponent(repairId)}`;
}

/** The portal's printable receipt of a payment and its refunds. */
export function receiptLink(publicUrl: string, paymentId: string): string {
  return `${publicUrl.replace(/\/$/, '')}/receipts/${encodeURIComponent(paymentId)}`;
}

/** Where a reset link lands: the portal's page for customers, the console's for staff. */
export function resetLink(publicUrl: string, token: string, audience: 'customer' | 'staff'): string {
  const base = publicUrl.replace(/\/$/, '');
  return `${base}${audience === 'staff' ? '/console' : ''}/reset-password?token=${encodeURIComponent(token)}`;
}

interface Parts {
  subject: string;
  /** Paragraphs, plain text (escaped for the HTML part). */
  lines: string[];
  action: string;
  audience: 'customer' | 'staff';
  /** Shown under the action; non-essential emails say how to stop them. */
  footer?: string;
  /** A second, plainer link (the receipt). */
  secondary?: { label: string; paymentId: string };
  /** The public status page, for customers. */
  tracking?: string;
}

const TRACKING_LABEL = 'Follow the repair without signing in';

const OPT_OUT = 'You can turn off reminders and chat notifications in your account settings.';

function parts(ctx: EmailContext, facts: EmailFacts): Parts {
  const device = ctx.deviceLabel;
  switch (facts.template) {
    case 'quote_issued':
      return {
        subject: `Your quote for ${device}: ${formatMoney(facts.total, facts.currency)}`,
        lines: [
          `Your technician has quoted ${formatMoney(facts.total, facts.currency)} for the repair of your ${device}.`,
          `The quote is valid until ${formatDate(facts.expiresAt)}. Review the breakdown and accept it to start the work.`,
        ],
        action: 'Review the quote',
        audience: 'customer',
      };
    case 'payment_succeeded':
      return {
        subject: `Payment received for ${device}`,
        lines: [`We received your payment of ${formatMoney(facts.amount, facts.currency)}. The repair of your ${device} is approved and will start shortly.`],
        action: 'Follow your repair',
        audience: 'customer',
        secondary: { label: 'Your receipt', paymentId: facts.paymentId },
      };
    case 'payment_refunded': {
      const full = facts.amountRefunded >= facts.amount;
      return {
        subject: full ? `Your payment for ${device} is refunded` : `Part of your payment for ${device} is refunded`,
        lines: [
          full
            ? `We refunded your payment of ${formatMoney(facts.amount, facts.currency)} for the repair of your ${device} in full.`
            : `We refunded ${formatMoney(facts.amountRefunded, facts.currency)} of your ${formatMoney(facts.amount, facts.currency)} payment for the repair of your ${device}.`,
          'Your bank usually shows the money back within 5 to 10 business days.',
        ],
        action: 'See the repair',
        audience: 'customer',
        secondary: { label: 'Your receipt', paymentId: facts.paymentId },
      };
    }
    case 'payment_failed':
      return {
        subject: `Your payment for ${device} did not go through`,
        lines: [
          facts.status === 'canceled'
            ? `Your payment of ${formatMoney(facts.amount, facts.currency)} was canceled.`
            : `Your payment of ${formatMoney(facts.amount, facts.currency)} failed. You were not charged.`,
          'The quote is open again: you can accept it and pay with another card.',
        ],
        action: 'Try again',
        audience: 'customer',
      };
    case 'repair_completed':
      return {
        subject: `Your ${device} is repaired`,
        lines: [
          `Good news: the repair of your ${device} is complete.`,
          `Pick it up at ${ctx.shop.name}, ${ctx.shop.address}. Opening hours: ${formatOpeningHours(ctx.shop.openingHours).join('; ')}.`,
        ],
        action: 'See the repair',
        audience: 'customer',
      };
    case 'quote_reminder':
      return {
        subject: `Reminder: a quote for ${device} is waiting for you`,
        lines: [`A quote for the repair of your ${device} is waiting for your answer. It expires on ${formatDate(facts.expiresAt)}.`],
        action: 'Review the quote',
        audience: 'customer',
        footer: OPT_OUT,
      };
    case 'appointment_reminder':
      return {
        subject: `Reminder: drop off your ${device} tomorrow at ${formatShopTime(facts.startsAt, facts.timeZone)}`,
        lines: [
          `You booked a drop-off for your ${device} tomorrow, ${formatShopDateTime(facts.startsAt, facts.timeZone)} (shop time, ${facts.timeZone}).`,
          `Bring it to ${ctx.shop.address}. Can’t make it? Move or cancel the booking on the repair page.`,
        ],
        action: 'See the repair',
        audience: 'customer',
        footer: OPT_OUT,
      };
    case 'customer_replied':
      return {
        subject: `${facts.customerName} replied about ${device}`,
        lines: [
          `${facts.customerName} wrote while you were offline:`,
          ...(facts.excerpt ? [`“${facts.excerpt}”`] : []),
          // Named only: the files stay behind the sign-in.
          ...(facts.attachmentNames?.length ? [`Attached: ${facts.attachmentNames.join(', ')}`] : []),
        ],
        action: 'Open the conversation',
        audience: 'staff',
        footer: OPT_OUT,
      };
    case 'missed_call':
      return {
        subject: `Missed video call from ${facts.callerName} about ${device}`,
        lines: [`${facts.callerName} tried to reach you by video call about the repair of ${facts.audience === 'customer' ? 'your' : 'the'} ${device} while you were offline.`, 'Open the chat to reply or call back.'],
        action: 'Open the conversation',
        audience: facts.audience,
        footer: OPT_OUT,
      };
  }
}

export function renderEmail(ctx: EmailContext, facts: EmailFacts): RenderedEmail {
  const p = parts(ctx, facts);
  const tracking = p.audience === 'customer' && ctx.trackingUrl ? ctx.trackingUrl : undefined;
  return layout(ctx, { ...p, subject: `${p.subject} (${ctx.ticketNumber})`, tracking }, repairLink(ctx.publicUrl, ctx.repairId, p.audience));
}

export function renderAccountEmail(ctx: Omit<EmailContext, 'repairId' | 'ticketNumber' | 'deviceLabel'>, facts: AccountEmailFacts): RenderedEmail {
  if (facts.template === 'account_invitation') {
    const days = Math.round(facts.expiresInMinutes / (24 * 60));
    const invitation: Parts = {
      subject: `Your repair ${facts.ticketNumber} at ${ctx.shop.name}`,
      lines: [
        `We have checked your device in as repair ${facts.ticketNumber}. Follow it without signing in: ${facts.trackingUrl}`,
        `To accept a quote, pay and chat with your technician, set a password for your RepairHub account with the link below. The link works once and expires in ${days} days.`,
      ],
      action: 'Set your password',
      audience: 'customer',
    };
    return layout(ctx, invitation, resetLink(ctx.publicUrl, facts.token, 'customer'));
  }
  const p: Parts = {
    subject: 'Reset your RepairHub password',
    lines: [
      'Someone asked to reset the password of your RepairHub account. If it was you, choose a new password with the link below.',
      `The link works once and expires in ${facts.expiresInMinutes} minutes. If you did not ask, ignore this email: your password stays as it is.`,
    ],
    action: 'Choose a new password',
    audience: facts.audience,
  };
  return layout(ctx, p, resetLink(ctx.publicUrl, facts.token, facts.audience));
}

function layout(ctx: Pick<EmailContext, 'publicUrl' | 'recipientName' | 'shop'>, p: Parts, link: string): RenderedEmail {
  const greeting = `Hello ${ctx.recipientName},`;
  const secondary = p.secondary ? { label: p.secondary.label, href: receiptLink(ctx.publicUrl, p.secondary.paymentId) } : null;
  const signature = [`— ${ctx.shop.name}`, ctx.shop.address];
  const text = [
    greeting,
    '',
    ...p.lines.flatMap((l) => [l, '']),
    `${p.action}: ${link}`,
    ...(secondary ? [`${secondary.label}: ${secondary.href}`] : []),
    ...(p.tracking ? [`${TRACKING_LABEL}: ${p.tracking}`] : []),
    ...(p.footer ? ['', p.footer] : []),
    '',
    ...signature,
    '',
  ].join('\n');
  const html = [
    '<!doctype html>',
    `<html><head><meta charset="utf-8"><title>${escapeHtml(p.subject)}</title></head>`,
    '<body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #1f2937">',
    `<p>${escapeHtml(greeting)}</p>`,
    ...p.lines.map((l) => `<p>${escapeHtml(l)}</p>`),
    `<p><a href="${escapeHtml(link)}" style="display: inline-block; padding: 8px 16px; background: #1d4ed8; color: #fff; text-decoration: none; border-radius: 4px">${escapeHtml(p.action)}</a></p>`,
    ...(secondary ? [`<p><a href="${escapeHtml(secondary.href)}">${escapeHtml(secondary.label)}</a></p>`] : []),
    ...(p.tracking ? [`<p>${TRACKING_LABEL}: <a href="${escapeHtml(p.tracking)}">${escapeHtml(p.tracking)}</a></p>`] : []),
    ...(p.footer ? [`<p style="color: #6b7280; font-size: 12px">${escapeHtml(p.footer)}</p>`] : []),
    `<p>${signature.map(escapeHtml).join('<br>')}</p>`,
    '</body></html>',
    '',
  ].join('\n');
  return { subject: p.subject, text, html };
}

/** Chat excerpts in emails: one line, at most `max` characters. */
export function excerpt(content: string, max = 200): string {
  const line = content.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
