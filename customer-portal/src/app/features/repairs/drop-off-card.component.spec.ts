import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { AppointmentSlotsView, DropOffView } from '@repairhub/contracts';
import { DropOffCard } from './drop-off-card.component';

const booked: DropOffView = { startsAt: '2026-07-02T09:30:00.000Z', endsAt: '2026-07-02T10:00:00.000Z', timeZone: 'Europe/London' };
const slots: AppointmentSlotsView = {
  timeZone: 'Europe/London',
  slotMinutes: 30,
  bookingDays: 14,
  days: [{ date: '2026-07-03', slots: [{ startsAt: '2026-07-03T08:00:00.000Z', endsAt: '2026-07-03T08:30:00.000Z', date: '2026-07-03', time: '09:00', free: true }] }],
};

describe('DropOffCard', () => {
  async function render(dropOff: DropOffView | null) {
    TestBed.configureTestingModule({ imports: [DropOffCard], providers: [provideHttpClient(), provideHttpClientTesting()] });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(DropOffCard);
    fixture.componentRef.setInput('repairId', 'r1');
    fixture.componentRef.setInput('dropOff', dropOff);
    let changed = 0;
    fixture.componentInstance.changed.subscribe(() => changed++);
    fixture.detectChanges();
    const element: HTMLElement = fixture.nativeElement;
    const button = (name: string) => [...element.querySelectorAll('button')].find((b) => b.textContent!.trim() === name)!;
    const settle = async () => {
      fixture.detectChanges();
      await fixture.whenStable();
      fixture.detectChanges();
    };
    return { fixture, backend, element, button, settle, changed: () => changed };
  }

  it('shows the booked time in shop time and cancels it', async () => {
    const { backend, element, button, settle, changed } = await render(booked);
    expect(element.textContent!.replace(/\s+/g, ' ')).toContain('Booked for Thu 2 Jul, 10:30 (shop time, Europe/London)');
    button('Cancel drop-off').click();
    backend.expectOne((r) => r.method === 'DELETE' && r.url === '/api/v1/repairs/r1/drop-off').flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    expect(changed()).toBe(1);
  });

  it('moves the drop-off to a chosen slot, and shows the refusal when the slot was just taken', async () => {
    const { fixture, backend, element, button, settle, changed } = await render(booked);
    button('Change time').click();
    fixture.detectChanges();
    backend.expectOne('/api/v1/appointments/slots').flush(slots);
    await settle();
    expect(button('Save drop-off time').disabled).toBe(true);
    const radio = (label: string) => [...element.querySelectorAll('label')].find((l) => l.textContent!.trim() === label)!.querySelector('input')!;
    radio('Book a drop-off time').click();
    await settle();
    radio('09:00').click();
    await settle();
    button('Save drop-off time').click();
    const put = backend.expectOne((r) => r.method === 'PUT' && r.url === '/api/v1/repairs/r1/drop-off');
    expect(put.request.body).toEqual({ dropOffAt: '2026-07-03T08:00:00.000Z' });
    put.flush(
      { type: 'about:blank', title: 'Conflict', status: 409, code: 'APPOINTMENT.SLOT_TAKEN', detail: 'That drop-off slot has just been taken; pick another one.' },
      { status: 409, statusText: 'Conflict', headers: { 'content-type': 'application/problem+json' } },
    );
    fixture.detectChanges();
    backend.expectOne('/api/v1/appointments/slots').flush(slots); // the picker reloads the times
    await settle();
    expect(element.querySelector('[role="alert"]')!.textContent).toContain('That drop-off slot has just been taken');
    expect(changed()).toBe(0);
  });

  it('offers to book a time when none is booked', async () => {
    const { element, button } = await render(null);
    expect(element.textContent).toContain('No drop-off time booked.');
    expect(button('Book a drop-off time')).toBeTruthy();
  });
});
