import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { AppointmentSlotsView } from '@repairhub/contracts';
import { DropOffPicker } from './drop-off-picker.component';

const slot = (date: string, time: string, free = true) => ({ startsAt: `${date}T${time}:00.000Z`, endsAt: `${date}T${time}:30.000Z`, date, time, free });
const view: AppointmentSlotsView = {
  timeZone: 'Europe/London',
  slotMinutes: 30,
  bookingDays: 14,
  days: [
    { date: '2026-12-02', slots: [slot('2026-12-02', '17:00', false)] },
    { date: '2026-12-03', slots: [slot('2026-12-03', '09:00', false), slot('2026-12-03', '09:30')] },
    { date: '2026-12-04', slots: [slot('2026-12-04', '10:00')] },
  ],
};

describe('DropOffPicker', () => {
  async function render() {
    TestBed.configureTestingModule({ imports: [DropOffPicker], providers: [provideHttpClient(), provideHttpClientTesting()] });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(DropOffPicker);
    fixture.detectChanges();
    backend.expectOne('/api/v1/appointments/slots').flush(view);
    await fixture.whenStable();
    fixture.detectChanges();
    const element: HTMLElement = fixture.nativeElement;
    const radio = (label: string) => [...element.querySelectorAll('label')].find((l) => l.textContent!.replace(/\s+/g, ' ').trim() === label)!.querySelector('input')!;
    const labels = (name: string) => [...element.querySelectorAll<HTMLInputElement>(`input[name="${name}"]`)].map((i) => [i.parentElement!.textContent!.replace(/\s+/g, ' ').trim(), i.disabled]);
    const click = async (input: HTMLInputElement) => {
      input.click();
      fixture.detectChanges();
      await fixture.whenStable();
    };
    return { fixture, element, radio, labels, click, value: () => fixture.componentInstance.value() };
  }

  it('starts with no appointment and says the times are the shop’s', async () => {
    const { element, radio, value } = await render();
    expect(radio('No appointment — I’ll bring or send it in').checked).toBe(true);
    expect(element.textContent).toContain('Times are shop time (Europe/London).');
    expect(element.querySelector('input[name="dropOffDay"]')).toBeNull();
    expect(value()).toBeNull();
  });

  it('offers only days with a free slot, shows full times disabled, and picks a slot start', async () => {
    const { radio, labels, click, value } = await render();
    await click(radio('Book a drop-off time'));
    expect(labels('dropOffDay')).toEqual([['Thu 3 Dec', false], ['Fri 4 Dec', false]]);
    expect(labels('dropOffAt')).toEqual([['09:00 (full)', true], ['09:30', false]]);
    await click(radio('09:30'));
    expect(value()).toBe('2026-12-03T09:30:00.000Z');

    await click(radio('Fri 4 Dec'));
    expect(value()).toBeNull();
    await click(radio('10:00'));
    expect(value()).toBe('2026-12-04T10:00:00.000Z');
    await click(radio('No appointment — I’ll bring or send it in'));
    expect(value()).toBeNull();
  });
});
