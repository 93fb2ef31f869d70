import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { FORGOT_PASSWORD_MESSAGE } from '@repairhub/contracts';
import { ForgotPasswordForm } from './forgot-password-form.component';

const URL = '/api/v1/auth/password/forgot';

describe('ForgotPasswordForm', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    backend = TestBed.inject(HttpTestingController);
  });
  afterEach(() => backend.verify());

  async function render() {
    const fixture = TestBed.createComponent(ForgotPasswordForm);
    // In the document, so focus can move.
    document.body.appendChild(fixture.nativeElement);
    await fixture.whenStable();
    const element: HTMLElement = fixture.nativeElement;
    const type = (value: string) => {
      const input = element.querySelector<HTMLInputElement>('#email')!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    const submit = async () => {
      element.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
      await fixture.whenStable();
    };
    return { fixture, element, type, submit };
  }

  it('explains a missing or malformed address beside the field without calling the API', async () => {
    const { element, type, submit } = await render();
    await submit();
    expect(element.querySelector('#email-error')?.textContent?.trim()).toBe('Email is required.');
    type('not-an-address');
    await submit();
    expect(element.querySelector('#email-error')?.textContent).toBeTruthy();
    backend.expectNone(URL);
  });

  it('always confirms with the same words, whatever the server knows, and moves focus to them', async () => {
    const { fixture, element, type, submit } = await render();
    type('ada@example.com');
    await submit();
    const request = backend.expectOne(URL);
    expect(request.request.body).toEqual({ email: 'ada@example.com' });
    request.flush({ message: FORGOT_PASSWORD_MESSAGE }, { status: 202, statusText: 'Accepted' });
    await fixture.whenStable();
    const confirmation = element.querySelector<HTMLElement>('[role=status]')!;
    expect(confirmation.textContent).toContain("If an account exists for that address, we've sent a link");
    expect(confirmation.textContent).toContain('ada@example.com');
    expect(document.activeElement).toBe(confirmation);
    expect(element.querySelector('form')).toBeNull();
  });

  it('says when to try again after too many requests', async () => {
    const { fixture, element, type, submit } = await render();
    type('ada@example.com');
    await submit();
    backend.expectOne(URL).flush(
      { type: 'about:blank', title: 'Too Many Requests', status: 429, detail: 'Too many requests. Try again later.' },
      { status: 429, statusText: 'Too Many Requests', headers: { 'content-type': 'application/problem+json', 'retry-after': '60' } },
    );
    await fixture.whenStable();
    expect(element.querySelector('[role=alert]')?.textContent).toContain('about 60 s');
    expect(element.querySelector('form')).not.toBeNull();
  });
});
