import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { RepairPaymentView } from '@repairhub/contracts';
import { PaymentsCard } from './payments-card.component';

const paid: RepairPaymentView = {
  id: 'p1',
  quoteId: 'q1',
  amount: 17_450,
  amountRefunded: 0,
  currency: 'usd',
  status: 'succeeded',
  testMode: false,
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
};

describe('PaymentsCard', () => {
  async function render(payments: RepairPaymentView[]): Promise<HTMLElement> {
    TestBed.configureTestingModule({ imports: [PaymentsCard], providers: [provideRouter([])] });
    const fixture = TestBed.createComponent(PaymentsCard);
    fixture.componentRef.setInput('payments', payments);
    await fixture.whenStable();
    return fixture.nativeElement;
  }

  it('shows the payment with a link to its receipt', async () => {
    const element = await render([paid]);
    expect(element.textContent).toContain('Paid $174.50 on Dec 1, 2026');
    expect(element.querySelector('[role="status"]')).toBeNull();
    expect(element.querySelector('a')!.getAttribute('href')).toBe('/receipts/p1');
  });

  it('tells a partial refund from a full one', async () => {
    const partly = await render([{ ...paid, amountRefunded: 5_000 }]);
    expect(partly.querySelector('[role="status"]')!.textContent).toContain('Partly refunded: $50.00 of $174.50 goes back to you.');
    TestBed.resetTestingModule();
    const full = await render([{ ...paid, amountRefunded: 17_450, status: 'refunded' }]);
    expect(full.querySelector('[role="status"]')!.textContent).toContain('Refunded in full: $174.50 goes back to you.');
  });
});
