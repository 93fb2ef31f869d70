import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { QuoteView, ShopView } from '@repairhub/contracts';
import { QuoteForm } from './quote-form.component';

describe('QuoteForm', () => {
  let backend: HttpTestingController;

  const shop: ShopView = { name: 'RepairHub', address: '1 Main St', openingHours: [], currency: 'usd', currencies: ['usd', 'eur'] };

  async function render(settings: ShopView = shop) {
    TestBed.configureTestingModule({ imports: [QuoteForm], providers: [provideHttpClient(), provideHttpClientTesting()] });
    backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(QuoteForm);
    fixture.componentRef.setInput('repairRequestId', 'r1');
    fixture.detectChanges();
    backend.expectOne('/api/v1/shop').flush(settings);
    await fixture.whenStable();
    const element: HTMLElement = fixture.nativeElement;
    const type = async (id: string, value: string) => {
      const input = element.querySelector<HTMLInputElement | HTMLSelectElement>(`#${id}`)!;
      input.value = value;
      input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input'));
      await fixture.whenStable();
    };
    const total = () => element.querySelector('[data-testid="quote-total"]')!.textContent!.trim();
    const submit = async () => {
      element.querySelector('form')!.dispatchEvent(new Event('submit'));
      await fixture.whenStable();
    };
    return { fixture, element, type, total, submit };
  }

  afterEach(() => backend.verify());

  it('offers only the shop’s currencies, its own first and chosen', async () => {
    const { element } = await render({ ...shop, currency: 'gbp', currencies: ['gbp', 'eur'] });
    const select = element.querySelector<HTMLSelectElement>('#q-currency')!;
    expect([...select.options].map((o) => o.textContent!.trim())).toEqual(['GBP', 'EUR']);
    expect(select.value).toBe('gbp');
  });

  it('shows the total live as amounts are typed, and follows the currency', async () => {
    const { type, total } = await render();
    const waiting = 'The total shows here once parts and labour are filled in.';
    expect(total()).toBe(waiting);
    await type('q-parts', '89.99');
    expect(total()).toBe(waiting);
    await type('q-labor', '40');
    expect(total()).toBe('$129.99');
    await type('q-currency', 'eur');
    expect(total()).toBe('€129.99');
    await type('q-labor', '40.123');
    expect(total()).toBe(waiting);
  });

  it('sends minor units and emits the quote the server computed', async () => {
    const { fixture, type, submit } = await render();
    const issued: QuoteView[] = [];
    fixture.componentInstance.issued.subscribe((q) => issued.push(q));
    await type('q-parts', '89.99');
    await type('q-labor', '40');
    await type('q-notes', '  OEM screen  ');
    await submit();
    const request = backend.expectOne('/api/v1/quotes');
    expect(request.request.body).toMatchObject({ repairRequestId: 'r1', partsCost: 8999, laborCost: 4000, currency: 'usd', notes: 'OEM screen' });
    expect(new Date(request.request.body.expiresAt).getTime()).toBeGreaterThan(Date.now());
    request.flush({ id: 'q1', total: 12999 });
    await fixture.whenStable();
    expect(issued.map((q) => q.total)).toEqual([12999]);
  });

  it('does not send an incomplete quote and says what is missing beside the field', async () => {
    const { element, type, submit } = await render();
    await type('q-parts', '10');
    await submit();
    backend.expectNone('/api/v1/quotes');
    expect(element.querySelector('#q-labor-error')?.textContent).toContain('Labour is required.');
    expect(document.activeElement?.id).toBe('q-labor');
  });

  it('refuses dates before tomorrow in the date picker', async () => {
    const { element } = await render();
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect(element.querySelector<HTMLInputElement>('#q-expires')!.min).toBe(tomorrow);
  });

  it('puts the server’s validation messages beside the fields they belong to', async () => {
    const { fixture, element, type, submit } = await render();
    await type('q-parts', '10');
    await type('q-labor', '5');
    await submit();
    backend.expectOne('/api/v1/quotes').flush(
      { type: 'about:blank', title: 'Bad Request', status: 400, detail: 'Validation failed', code: 'REQUEST.INVALID', errors: [{ field: 'expiresAt', message: 'expiresAt must be in the future' }] },
      { status: 400, statusText: 'Bad Request', headers: { 'content-type': 'application/problem+json' } },
    );
    await fixture.whenStable();
    // Named by the field's label, never by the API's property name; focus goes to the field.
    expect(element.querySelector('#q-expires-error')?.textContent?.trim()).toBe('Valid until must be in the future.');
    expect(document.activeElement?.id).toBe('q-expires');
  });
});
