import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { RepairDetail } from '@repairhub/contracts';
import { Notifier } from '../ui/notifier';
import { TrackingLink } from './tracking-link.component';

const OLD = 'https://shop.example.com/track/old-token';
const NEW = 'https://shop.example.com/track/new-token';

describe('TrackingLink', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    backend = TestBed.inject(HttpTestingController);
  });
  afterEach(() => backend.verify());

  async function render(url: string | null = OLD) {
    const fixture = TestBed.createComponent(TrackingLink);
    fixture.componentRef.setInput('repairId', 'r-1');
    fixture.componentRef.setInput('url', url);
    const renewed: RepairDetail[] = [];
    fixture.componentInstance.renewed.subscribe((r) => renewed.push(r));
    await fixture.whenStable();
    const element: HTMLElement = fixture.nativeElement;
    const button = (name: string) => [...element.querySelectorAll('button')].find((b) => b.textContent?.trim() === name);
    const click = async (name: string) => {
      button(name)!.click();
      await fixture.whenStable();
    };
    return { fixture, element, button, click, renewed };
  }

  it('shows the link in a labelled read-only field', async () => {
    const { element } = await render();
    const input = element.querySelector('input')!;
    expect(input.value).toBe(OLD);
    expect(input.readOnly).toBe(true);
    expect(element.querySelector(`label[for="${input.id}"]`)?.textContent).toBe('Tracking link');
  });

  it('asks before replacing the link, with focus on keeping it, and sends nothing when kept', async () => {
    const { click, button } = await render();
    await click('Make a new link');
    expect(document.activeElement).toBe(button('Keep this link'));
    await click('Keep this link');
    expect(button('Yes, make a new link')).toBeUndefined();
    backend.expectNone(() => true);
  });

  it('replaces the link once confirmed and hands the repair with the new link back', async () => {
    const { click, renewed } = await render();
    await click('Make a new link');
    await click('Yes, make a new link');
    const request = backend.expectOne({ method: 'POST' });
    expect(request.request.url).toMatch(/\/repairs\/r-1\/tracking-link$/);
    request.flush({ id: 'r-1', trackingUrl: NEW });
    expect(renewed.map((r) => r.trackingUrl)).toEqual([NEW]);
  });

  it('says why the link could not be replaced', async () => {
    const { click, fixture, element } = await render();
    await click('Make a new link');
    await click('Yes, make a new link');
    backend
      .expectOne({ method: 'POST' })
      .flush({ type: 'about:blank', title: 'Not Found', status: 404, code: 'REPAIR.NOT_FOUND', detail: 'Repair not found' }, { status: 404, statusText: 'Not Found', headers: { 'content-type': 'application/problem+json' } });
    await fixture.whenStable();
    expect(element.querySelector('[role=alert]')?.textContent).toMatch(/not found/i);
  });

  it('copies the link and says so', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const success = vi.spyOn(TestBed.inject(Notifier), 'success');
    const { click } = await render();
    await click('Copy link');
    expect(writeText).toHaveBeenCalledWith(OLD);
    expect(success).toHaveBeenCalledWith('Tracking link copied.');
  });
});
