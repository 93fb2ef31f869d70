import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { FailedJobView } from '@repairhub/contracts';
import { Notifier } from '@repairhub/web-core';
import FailedJobsPage, { summarizeJobData } from './failed-jobs.page';

const job = (id: string, overrides: Partial<FailedJobView> = {}): FailedJobView => ({
  id,
  name: 'email.send',
  data: { dedupeKey: `quote.issued:${id}-0d1f-4a57-9a7e-2f0c7b1d9e11`, repairId: 'r1', facts: { template: 'quote_issued', total: 12999 } },
  attempts: 6,
  error: 'connect ECONNREFUSED 127.0.0.1:25',
  failedAt: '2026-01-01T10:00:00Z',
  ...overrides,
});

describe('FailedJobsPage', () => {
  let backend: HttpTestingController;

  async function render(jobs: FailedJobView[]) {
    TestBed.configureTestingModule({ imports: [FailedJobsPage], providers: [provideHttpClient(), provideHttpClientTesting()] });
    backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(FailedJobsPage);
    fixture.detectChanges();
    backend.expectOne((r) => r.url === '/api/v1/admin/jobs/failed' && r.method === 'GET').flush(jobs);
    await fixture.whenStable();
    const element: HTMLElement = fixture.nativeElement;
    const rows = () => [...element.querySelectorAll('tbody tr')];
    const retryButton = (id: string) => element.querySelector<HTMLButtonElement>(`tr[data-job="${id}"] button`)!;
    const notifier = TestBed.inject(Notifier);
    return { fixture, element, rows, retryButton, notifier };
  }

  afterEach(() => backend.verify());

  it('shows each job with what it was about, its attempts and its last error', async () => {
    const { rows } = await render([
      job('j1'),
      job('j2', { name: 'payments.reconcile', data: undefined, attempts: 3, error: 'Stripe timed out' }),
    ]);
    const cells = rows().map((row) => [...row.querySelectorAll('td')].slice(1, 5).map((cell) => cell.textContent?.trim()));
    expect(cells[0][0]).toBe('email.send');
    expect(cells[0][1]).toContain('repairId: r1 · facts.template: quote_issued · facts.total: 12999');
    expect(cells[0][1]).toContain('"dedupeKey": "quote.issued:j1-0d1f-4a57-9a7e-2f0c7b1d9e11"');
    expect(cells[0].slice(2)).toEqual(['6', 'connect ECONNREFUSED 127.0.0.1:25']);
    expect(cells[1]).toEqual(['payments.reconcile', 'No data', '3', 'Stripe timed out']);
  });

  it('retries once however often the button is pressed, then drops the row and says so', async () => {
    const { fixture, rows, retryButton, notifier, element } = await render([job('email.a_1'), job('j2')]);
    const success = vi.spyOn(notifier, 'success');
    retryButton('email.a_1').click();
    fixture.detectChanges();
    expect(retryButton('email.a_1').disabled).toBe(true);
    expect(retryButton('email.a_1').textContent).toContain('Retrying…');
    expect(retryButton('j2').disabled).toBe(false);
    retryButton('email.a_1').click();

    const retry = backend.expectOne('/api/v1/admin/jobs/failed/email.a_1/retry');
    expect(retry.request.method).toBe('POST');
    retry.flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();
    expect(rows().map((row) => row.getAttribute('data-job'))).toEqual(['j2']);
    expect(success).toHaveBeenCalledWith('email.send is queued to run again.');
    expect(document.activeElement).toBe(element.querySelector('h1'));
  });

  it('keeps the row and shows the problem when the retry fails, reloading the list when the job is gone', async () => {
    const { fixture, rows, retryButton, notifier } = await render([job('j1'), job('j2')]);
    const error = vi.spyOn(notifier, 'error');

    retryButton('j1').click();
    backend
      .expectOne('/api/v1/admin/jobs/failed/j1/retry')
      .flush({ title: 'Error', status: 500, detail: 'boom' }, { status: 500, statusText: 'Server Error' });
    await fixture.whenStable();
    expect(error).toHaveBeenCalledTimes(1);
    expect(rows()).toHaveLength(2);
    expect(retryButton('j1').disabled).toBe(false);

    retryButton('j2').click();
    backend
      .expectOne('/api/v1/admin/jobs/failed/j2/retry')
      .flush(
        { title: 'Not Found', status: 404, detail: 'Failed job not found.', code: 'JOB.NOT_FOUND' },
        { status: 404, statusText: 'Not Found' },
      );
    fixture.detectChanges();
    backend.expectOne((r) => r.url === '/api/v1/admin/jobs/failed' && r.method === 'GET').flush([job('j1')]);
    await fixture.whenStable();
    expect(error).toHaveBeenCalledTimes(2);
    expect(rows().map((row) => row.getAttribute('data-job'))).toEqual(['j1']);
  });

  it('says so when nothing failed', async () => {
    const { element } = await render([]);
    expect(element.textContent).toContain('No failed jobs.');
    expect(element.querySelector('table')).toBeNull();
  });

  it('summarizes any job data in one bounded line', () => {
    expect(summarizeJobData(undefined)).toBe('');
    expect(summarizeJobData('x')).toBe('x');
    expect(summarizeJobData({ a: 1, b: { c: true, d: { deep: 'skipped' } }, id: '0b7f3d6e-1c9a-4e0f-8f4e-3b9f4c8a2d10' })).toBe('a: 1 · b.c: true');
    expect(summarizeJobData(Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, 'value'])))).toHaveLength(160);
  });
});
