import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { DropOffDayView } from '@repairhub/contracts';
import DropOffsPage, { nextDate } from './drop-offs.page';

const day = (date: string, items: DropOffDayView['items'] = []): DropOffDayView => ({ date, timeZone: 'Europe/London', items });
const item = (repairId: string, time: string): DropOffDayView['items'][number] => ({
  repairId,
  ticketNumber: `R-${time.replace(':', '')}`,
  startsAt: `2026-12-31T${time}:00Z`,
  endsAt: `2026-12-31T${time}:30Z`,
  time,
  customerName: 'Grace Walker',
  deviceLabel: 'Google Pixel 8',
  status: 'submitted',
});

describe('DropOffsPage', () => {
  it('counts the next day by the calendar, across months and years', () => {
    expect(nextDate('2026-12-01')).toBe('2026-12-02');
    expect(nextDate('2026-02-28')).toBe('2026-03-01');
    expect(nextDate('2028-02-28')).toBe('2028-02-29');
    expect(nextDate('2026-12-31')).toBe('2027-01-01');
    expect(nextDate('2026-10-25')).toBe('2026-10-26');
  });

  it('asks for the shop’s today, then the day after, and lists each day’s drop-offs linking to the repair', async () => {
    TestBed.configureTestingModule({ imports: [DropOffsPage], providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(DropOffsPage);
    fixture.detectChanges();
    backend.expectOne((r) => r.url === '/api/v1/appointments' && !r.params.has('date')).flush(day('2026-12-31', [item('r1', '09:00'), item('r2', '09:30')]));
    backend.expectOne((r) => r.url === '/api/v1/appointments' && r.params.get('date') === '2027-01-01').flush(day('2027-01-01'));
    await fixture.whenStable();
    fixture.detectChanges();
    const element: HTMLElement = fixture.nativeElement;
    const sections = [...element.querySelectorAll('section')];
    expect(sections.map((s) => s.querySelector('h2')!.textContent!.replace(/\s+/g, ' ').trim())).toEqual(['Today Thursday 31 December', 'Tomorrow Friday 1 January']);
    const links = [...sections[0].querySelectorAll('a')];
    expect(links.map((a) => [a.textContent!.trim(), a.getAttribute('href')])).toEqual([
      ['R-0900 · Google Pixel 8', '/repairs/r1'],
      ['R-0930 · Google Pixel 8', '/repairs/r2'],
    ]);
    expect(sections[1].textContent).toContain('No drop-offs booked tomorrow.');
    expect(element.textContent).toContain('Times are shop time (Europe/London).');
    backend.verify();
  });
});
