import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { PaymentView, QuoteView } from '@repairhub/contracts';
import { QuotePanel } from './quote-panel.component';

const quote: QuoteView = {
  id: 'q1',
  repairRequestId: 'r1',
  technicianId: 't1',
  partsCost: 8999,
  laborCost: 4000,
  total: 12999,
  currency: 'usd',
  notes: 'Replacement screen, OEM part.',
  status: 'pending',
  rejectionReason: null,
  expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:00Z',
};

const payment = (status: PaymentView['status']): PaymentView => ({
  id: 'p1',
  quoteId: 'q1',
  repairRequestId: 'r1',
  customerId: 'c1',
  amount: 12999,
  amountRefunded: 0,
  currency: 'usd',
  status,
  testMode: true,
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:00Z',
});

describe('QuotePanel', () => {
  let backend: HttpTestingController;

  async function render(q: QuoteView = quote) {
    TestBed.configureTestingModule({ imports: [QuotePanel], providers: [provideHttpClient(), provideHttpClientTesting()] });
    backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(QuotePanel);
    fixture.componentRef.setInput('quote', q);
    await fixture.whenStable();
    const element: HTMLElement = fixture.nativeElement;
    const button = (name: RegExp) => [...element.querySelectorAll('button')].find((b) => name.test(b.textContent ?? '')) as HTMLButtonElement;
    return { fixture, element, button };
  }

  afterEach(() => backend.verify());

  it('shows parts, labour, total and expiry of the quote', async () => {
    const { element } = await render();
    const rows = [...element.querySelectorAll('dl div')].map((row) => [row.querySelector('dt')?.textContent, row.querySelector('dd')?.textContent]);
    expect(rows).toEqual([
      ['Parts', '$89.99'],
      ['Labour', '$40.00'],
      ['Total', '$129.99'],
    ]);
    expect(element.textContent).toContain('Valid until');
    expect(element.textContent).toContain('Replacement screen, OEM part.');
  });

  it('treats a pending quote past its expiry as expired and offers no payment', async () => {
    const { element, button } = await render({ ...quote, expiresAt: '2020-01-01T00:00:00Z' });
    expect(element.textContent).toContain('This quote expired');
    expect(button(/Accept/)).toBeUndefined();
  });

  it('pays once in test mode however often the buttons are clicked, then reports the payment', async () => {
    const { fixture, element, button } = await render();
    const paid: PaymentView[] = [];
    fixture.componentInstance.paid.subscribe((p) => paid.push(p));

    const accept = button(/Accept & pay \$129\.99/);
    accept.click();
    accept.click();
    const accepts = backend.match('/api/v1/quotes/q1/accept');
    expect(accepts).toHaveLength(1);
    accepts[0].flush({ payment: { id: 'p1', status: 'requires_payment', amount: 12999, currency: 'usd', clientSecret: 'pi_test_secret' } });
    await vi.waitFor(() => backend.expectOne('/api/v1/payments/config').flush({ testMode: true, publishableKey: null }));
    await fixture.whenStable();

    expect(element.textContent).toContain('Test mode');
    const pay = button(/Pay \$129\.99 \(test\)/);
    pay.click();
    pay.click();
    fixture.detectChanges();
    expect(button(/Paying/)?.disabled).toBe(true);
    const confirms = backend.match('/api/v1/payments/p1/test-confirm');
    expect(confirms).toHaveLength(1);
    expect(confirms[0].request.body).toEqual({ outcome: 'succeeded' });
    confirms[0].flush(payment('processing'));
    await vi.waitFor(() => backend.expectOne('/api/v1/payments/p1').flush(payment('succeeded')));
    await fixture.whenStable();

    expect(paid.map((p) => p.status)).toEqual(['succeeded']);
    expect(element.textContent).toContain('Payment received');
    expect(button(/Pay/)).toBeUndefined();
  });

  it('plays a declined card in test mode and offers the payment again', async () => {
    const { fixture, element, button } = await render();
    let changed = 0;
    fixture.componentInstance.changed.subscribe(() => changed++);
    button(/Accept & pay/).click();
    backend.expectOne('/api/v1/quotes/q1/accept').flush({ payment: { id: 'p1', status: 'requires_payment', amount: 12999, currency: 'usd', clientSecret: 's' } });
    await vi.waitFor(() => backend.expectOne('/api/v1/payments/config').flush({ testMode: true, publishableKey: null }));
    await fixture.whenStable();

    button(/Simulate a declined card/).click();
    const confirm = backend.expectOne('/api/v1/payments/p1/test-confirm');
    expect(confirm.request.body).toEqual({ outcome: 'failed' });
    confirm.flush(payment('failed'));
    await vi.waitFor(() => backend.expectOne('/api/v1/payments/p1').flush(payment('failed')));
    await fixture.whenStable();

    expect(element.querySelector('[role=alert]')?.textContent?.trim()).toBe('The payment failed and no money was taken. You can try again.');
    expect(button(/Accept & pay \$129\.99/)).toBeDefined();
    expect(changed).toBe(1);
  });

  it('explains a conflict from the server and asks the page to reload', async () => {
    const { fixture, element, button } = await render();
    let changed = 0;
    fixture.componentInstance.changed.subscribe(() => changed++);
    button(/Accept/).click();
    backend
      .expectOne('/api/v1/quotes/q1/accept')
      .flush({ status: 409, title: 'Conflict', code: 'QUOTE.EXPIRED', detail: 'The quote has expired.' }, { status: 409, statusText: 'Conflict' });
    await fixture.whenStable();
    expect(element.querySelector('[role=alert]')?.textContent?.trim()).toBe('The quote has expired.');
    expect(changed).toBe(1);
  });

  it('declines only after confirmation', async () => {
    const { fixture, button } = await render();
    let changed = 0;
    fixture.componentInstance.changed.subscribe(() => changed++);
    button(/^\s*Decline\s*$/).click();
    await fixture.whenStable();
    backend.expectNone('/api/v1/quotes/q1/reject');
    button(/Decline quote/).click();
    const request = backend.expectOne('/api/v1/quotes/q1/reject');
    expect(request.request.body).toEqual({});
    request.flush({ ...quote, status: 'rejected' });
    await fixture.whenStable();
    expect(changed).toBe(1);
  });

  it('sends the reason typed for the technician with the decline', async () => {
    const { fixture, button, element } = await render();
    button(/^\s*Decline\s*$/).click();
    await fixture.whenStable();
    const reason = element.querySelector<HTMLTextAreaElement>('textarea')!;
    expect(reason.labels?.[0]?.textContent).toContain('Reason for the technician (optional)');
    reason.value = '  Too expensive for an old phone  ';
    reason.dispatchEvent(new Event('input'));
    button(/Decline quote/).click();
    const request = backend.expectOne('/api/v1/quotes/q1/reject');
    expect(request.request.body).toEqual({ reason: 'Too expensive for an old phone' });
    request.flush({ ...quote, status: 'rejected', rejectionReason: 'Too expensive for an old phone' });
    await fixture.whenStable();
  });
});
