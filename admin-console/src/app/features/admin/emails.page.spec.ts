import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { EmailView } from '@repairhub/contracts';
import { Notifier } from '@repairhub/web-core';
import EmailsPage, { templateLabel } from './emails.page';

const email = (id: string, overrides: Partial<EmailView> = {}): EmailView => ({
  id,
  template: 'quote_issued',
  to: 'casey@example.com',
  subject: `Your quote ${id}`,
  text: `Hello Casey,\n\nQuote ${id} is ready.\n`,
  html: '<p>Hello Casey,</p>',
  status: 'stored',
  essential: true,
  createdAt: '2026-01-01T10:00:00Z',
  sentAt: null,
  ...overrides,
});

describe('EmailsPage', () => {
  let backend: HttpTestingController;

  beforeAll(() => {
    // jsdom has <dialog> but not its modal API.
    HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
      this.setAttribute('open', '');
    };
    HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
      this.removeAttribute('open');
      this.dispatchEvent(new Event('close'));
    };
  });

  function render() {
    TestBed.configureTestingModule({ imports: [EmailsPage], providers: [provideHttpClient(), provideHttpClientTesting()] });
    backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(EmailsPage);
    fixture.detectChanges();
    const element: HTMLElement = fixture.nativeElement;
    const rows = () => [...element.querySelectorAll('tbody tr')];
    const button = (name: RegExp) =>
      [...element.querySelectorAll('button')].find((b) => name.test(b.textContent ?? '')) as HTMLButtonElement | undefined;
    const list = () => backend.expectOne((r) => r.url === '/api/v1/admin/emails');
    return { fixture, element, rows, button, list };
  }

  afterEach(() => backend.verify());

  it('lists the emails with their recipient, kind and status, newest page first, then more on demand', async () => {
    const { fixture, element, rows, button, list } = render();
    expect(element.textContent).toContain('Loading emails…');
    const first = list();
    expect(first.request.params.has('cursor')).toBe(false);
    first.flush({
      items: [
        email('a', { status: 'sent', sentAt: '2026-01-01T10:00:05Z' }),
        email('b', { template: 'quote_reminder', essential: false, status: 'skipped' }),
      ],
      nextCursor: 'next-1',
    });
    await fixture.whenStable();
    expect(rows().map((row) => [...row.querySelectorAll('td')].slice(1, 5).map((cell) => cell.textContent?.trim()))).toEqual([
      ['casey@example.com', 'Your quote a', 'Quote issuedAlways sent', 'Sent'],
      ['casey@example.com', 'Your quote b', 'Quote reminderNon-essential', 'Skipped, opted out'],
    ]);

    button(/Show more/)!.click();
    fixture.detectChanges();
    expect(button(/Loading…/)!.disabled).toBe(true);
    const more = list();
    expect(more.request.params.get('cursor')).toBe('next-1');
    more.flush({ items: [email('c'), email('d', { status: 'pending' }), email('e', { status: 'failed' })], nextCursor: null });
    await fixture.whenStable();
    expect(rows().map((row) => row.getAttribute('data-email'))).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(rows()[2].textContent).toContain('Kept, not sent');
    expect(rows()[3].textContent).toContain('Waiting to send');
    expect(rows()[4].textContent).toContain('Not delivered, gave up');
    expect(button(/Show more/)).toBeUndefined();
  });

  it('opens an email to read its text, and closes it again', async () => {
    const { fixture, element, button, list } = render();
    list().flush({ items: [email('a')], nextCursor: null });
    await fixture.whenStable();
    const dialog = element.querySelector('dialog')!;
    expect(dialog.open).toBe(false);

    button(/Read/)!.click();
    await fixture.whenStable();
    expect(dialog.open).toBe(true);
    expect(dialog.querySelector('h2')?.textContent).toBe('Your quote a');
    expect(dialog.querySelector('[data-testid="email-text"]')?.textContent).toBe('Hello Casey,\n\nQuote a is ready.\n');

    [...dialog.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Close')!.click();
    await fixture.whenStable();
    expect(dialog.open).toBe(false);
    expect(dialog.querySelector('h2')).toBeNull();
  });

  it('says so when there are no emails yet', async () => {
    const { fixture, element, list } = render();
    list().flush({ items: [], nextCursor: null });
    await fixture.whenStable();
    expect(element.textContent).toContain('No emails yet.');
    expect(element.querySelector('table')).toBeNull();
  });

  it('shows the problem when the outbox cannot be read, and tries again', async () => {
    const { fixture, element, rows, button, list } = render();
    list().flush(
      { type: 'about:blank', title: 'Forbidden', status: 403, detail: 'Admins only.' },
      { status: 403, statusText: 'Forbidden' },
    );
    await fixture.whenStable();
    expect(element.querySelector('[role="alert"]')?.textContent).toContain('Admins only.');
    button(/Try again/)!.click();
    fixture.detectChanges();
    list().flush({ items: [email('a')], nextCursor: null });
    await fixture.whenStable();
    expect(rows()).toHaveLength(1);
  });

  it('reports a failed "Show more" and keeps the rows it has', async () => {
    const { fixture, rows, button, list } = render();
    const error = vi.spyOn(TestBed.inject(Notifier), 'error');
    list().flush({ items: [email('a')], nextCursor: 'next-1' });
    await fixture.whenStable();
    button(/Show more/)!.click();
    list().error(new ProgressEvent('error'));
    await fixture.whenStable();
    expect(error).toHaveBeenCalledTimes(1);
    expect(rows()).toHaveLength(1);
    expect(button(/Show more/)!.disabled).toBe(false);
  });

  it('turns template names into words', () => {
    expect(templateLabel('payment_succeeded')).toBe('Payment succeeded');
    expect(templateLabel('customer_replied')).toBe('Customer replied');
  });
});
