import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { RepairSummary, Role } from '@repairhub/contracts';
import { AuthStore } from '@repairhub/web-core';
import { StaffEvents } from '../../core/staff-events';
import QueuePage from './queue.page';

const repair = (id: string, overrides: Partial<RepairSummary> = {}): RepairSummary => ({
  id,
  ticketNumber: `R-10${id.charCodeAt(0)}`,
  customerId: 'c1',
  customerName: 'Dana',
  deviceId: 'd1',
  deviceLabel: `Phone ${id}`,
  issueDescription: 'Cracked screen after a fall.',
  urgency: 'high',
  status: 'submitted',
  assignedTechnicianId: null,
  assignedTechnicianName: null,
  createdAt: '2026-01-01T10:00:00Z',
  updatedAt: '2026-01-01T10:00:00Z',
  ...overrides,
});

describe('QueuePage', () => {
  let backend: HttpTestingController;
  let handlers: Record<string, (payload: never) => void>;

  async function render(role: Role) {
    handlers = {};
    TestBed.configureTestingModule({
      imports: [QueuePage],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: AuthStore, useValue: { role: signal(role), user: signal({ id: 'me', name: 'Tess', email: 't@x', role }) } },
        {
          provide: StaffEvents,
          useValue: { on: (event: string, handler: (payload: never) => void) => (handlers[event] = handler), onReconnect: (handler: () => void) => (handlers['reconnect'] = handler) },
        },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(QueuePage);
    // The list request stays open until a test answers it, so wait for rendering, not stability.
    fixture.detectChanges();
    const element: HTMLElement = fixture.nativeElement;
    const rows = () => [...element.querySelectorAll('tbody tr')];
    const buttons = (text: string) => [...element.querySelectorAll('button')].filter((b) => b.textContent?.trim() === text);
    return { fixture, element, rows, buttons };
  }

  afterEach(() => backend.verify());

  it('lets a technician claim unassigned requests only, then opens the workspace', async () => {
    const { fixture, rows, buttons } = await render('technician');
    const list = backend.expectOne((r) => r.url === '/api/v1/repairs');
    expect(list.request.params.has('assignedTo')).toBe(false);
    list.flush({ items: [repair('a'), repair('b', { assignedTechnicianId: 'me', assignedTechnicianName: 'Tess', status: 'quoted' })], nextCursor: null });
    await fixture.whenStable();
    expect(rows()).toHaveLength(2);
    expect(buttons('Claim')).toHaveLength(1);

    const navigate = vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    buttons('Claim')[0].click();
    fixture.detectChanges();
    backend.expectOne({ method: 'POST', url: '/api/v1/repairs/a/assign' }).flush(repair('a', { assignedTechnicianId: 'me' }));
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith(['/repairs', 'a']);
  });

  it('shows admins the unassigned requests without a claim button', async () => {
    const { fixture, buttons } = await render('admin');
    const list = backend.expectOne((r) => r.url === '/api/v1/repairs');
    expect(list.request.params.get('assignedTo')).toBe('none');
    list.flush({ items: [repair('a')], nextCursor: null });
    await fixture.whenStable();
    expect(buttons('Claim')).toHaveLength(0);
  });

  it('refetches when a new request arrives and flags customers’ replies, without a reload', async () => {
    const { fixture, element, rows } = await render('technician');
    backend.expectOne((r) => r.url === '/api/v1/repairs').flush({ items: [repair('a')], nextCursor: null });
    await fixture.whenStable();

    handlers['repair:created']({ repairRequestId: 'n', urgency: 'urgent' } as never);
    fixture.detectChanges();
    backend.expectOne((r) => r.url === '/api/v1/repairs').flush({ items: [repair('n', { urgency: 'urgent' }), repair('a')], nextCursor: null });
    await fixture.whenStable();
    expect(rows().map((row) => row.getAttribute('data-repair'))).toEqual(['n', 'a']);
    expect(element.textContent).toContain('A new request arrived.');

    handlers['conversation:updated']({ conversationId: 'c', repairRequestId: 'a', lastMessage: {} } as never);
    await fixture.whenStable();
    expect(rows()[1].textContent).toContain('New reply');

    // After a dropped connection the queue refetches what it may have missed.
    (handlers['reconnect'] as () => void)();
    fixture.detectChanges();
    backend.expectOne((r) => r.url === '/api/v1/repairs').flush({ items: [repair('n', { urgency: 'urgent' })], nextCursor: null });
    await fixture.whenStable();
    expect(rows()).toHaveLength(1);
  });

  it('shows more on demand, and a live refetch starts the list over', async () => {
    const { fixture, rows, buttons } = await render('technician');
    backend.expectOne((r) => r.url === '/api/v1/repairs').flush({ items: [repair('a')], nextCursor: 'next-1' });
    await fixture.whenStable();
    buttons('Show more')[0].click();
    const more = backend.expectOne((r) => r.url === '/api/v1/repairs');
    expect(more.request.params.get('cursor')).toBe('next-1');
    more.flush({ items: [repair('b')], nextCursor: null });
    await fixture.whenStable();
    expect(rows().map((row) => row.getAttribute('data-repair'))).toEqual(['a', 'b']);
    expect(buttons('Show more')).toHaveLength(0);

    handlers['repair:updated']({} as never);
    fixture.detectChanges();
    backend.expectOne((r) => r.url === '/api/v1/repairs' && !r.params.has('cursor')).flush({ items: [repair('c')], nextCursor: 'next-2' });
    await fixture.whenStable();
    expect(rows().map((row) => row.getAttribute('data-repair'))).toEqual(['c']);
    expect(buttons('Show more')).toHaveLength(1);
  });

  it('hides completed and cancelled repairs until asked, and searches by what the technician typed', async () => {
    const { fixture, element } = await render('technician');
    const first = backend.expectOne((r) => r.url === '/api/v1/repairs');
    expect(first.request.params.get('open')).toBe('true');
    first.flush({ items: [repair('a')], nextCursor: null });
    await fixture.whenStable();
    expect(element.querySelector('tbody tr')?.textContent).toContain('R-1097');

    const showClosed = [...element.querySelectorAll('label')].find((l) => l.textContent?.includes('Show completed and cancelled'))!.querySelector('input')!;
    showClosed.click();
    fixture.detectChanges();
    const all = backend.expectOne((r) => r.url === '/api/v1/repairs');
    expect(all.request.params.has('open')).toBe(false);
    all.flush({ items: [], nextCursor: null });
    await fixture.whenStable();

    const box = element.querySelector<HTMLInputElement>('#f-q')!;
    box.value = '  r-1042 ';
    box.form!.dispatchEvent(new Event('submit'));
    fixture.detectChanges();
    const searched = backend.expectOne((r) => r.url === '/api/v1/repairs');
    expect(searched.request.params.get('q')).toBe('r-1042');
    searched.flush({ items: [], nextCursor: null });
    await fixture.whenStable();
    expect(element.textContent).toContain('No requests match these filters.');
  });

  it('filters by status and urgency through the API', async () => {
    const { fixture, element } = await render('technician');
    backend.expectOne((r) => r.url === '/api/v1/repairs').flush({ items: [], nextCursor: null });
    await fixture.whenStable();
    expect(element.textContent).toContain('The queue is empty');
    const select = element.querySelector<HTMLSelectElement>('#f-urgency')!;
    select.value = 'urgent';
    select.dispatchEvent(new Event('change'));
    fixture.detectChanges();
    const filtered = backend.expectOne((r) => r.url === '/api/v1/repairs');
    expect(filtered.request.params.get('urgency')).toBe('urgent');
    filtered.flush({ items: [], nextCursor: null });
    await fixture.whenStable();
    expect(element.textContent).toContain('No requests match these filters.');
  });
});
