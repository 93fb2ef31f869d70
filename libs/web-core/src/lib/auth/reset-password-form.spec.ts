import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RESET_TOKEN_INVALID } from '@repairhub/contracts';
import { ResetPasswordForm } from './reset-password-form.component';

const URL = '/api/v1/auth/password/reset';
const problem = (body: object) =>
  [
    { type: 'about:blank', title: 'Bad Request', status: 400, ...body },
    { status: 400, statusText: 'Bad Request', headers: { 'content-type': 'application/problem+json' } },
  ] as const;

describe('ResetPasswordForm', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    backend = TestBed.inject(HttpTestingController);
  });
  afterEach(() => backend.verify());

  /** `null`: the link came without a token. */
  async function render(token: string | null = 'tok-1') {
    const fixture = TestBed.createComponent(ResetPasswordForm);
    fixture.componentRef.setInput('token', token ?? undefined);
    fixture.componentRef.setInput('forgotLink', '/forgot-password');
    const done: true[] = [];
    fixture.componentInstance.passwordReset.subscribe(() => done.push(true));
    await fixture.whenStable();
    const element: HTMLElement = fixture.nativeElement;
    const type = (id: string, value: string) => {
      const input = element.querySelector<HTMLInputElement>(`#${id}`)!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
      input.dispatchEvent(new Event('blur'));
    };
    const submit = async () => {
      element.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
      await fixture.whenStable();
    };
    const error = (id: string) => element.querySelector(`#${id}-error`)?.textContent?.trim() ?? null;
    const newLink = () => element.querySelector<HTMLAnchorElement>('a[href="/forgot-password"]');
    return { fixture, element, type, submit, error, done, newLink };
  }

  it('labels both fields for password managers', async () => {
    const { element } = await render();
    expect(element.querySelector('label[for=password]')?.textContent).toBe('New password');
    expect(element.querySelector('#password')?.getAttribute('autocomplete')).toBe('new-password');
    expect(element.querySelector('label[for=confirmPassword]')?.textContent).toBe('Confirm new password');
  });

  it('explains a short password and a confirmation that does not match, beside each field, without calling the API', async () => {
    const { type, submit, error } = await render();
    type('password', 'short');
    type('confirmPassword', 'shorter');
    await submit();
    expect(error('password')).toMatch(/at least 8 characters/i);
    expect(error('confirmPassword')).toBe('This does not match your new password.');
    backend.expectNone(URL);
  });

  it('sends the token with the new password and hands over once it is set', async () => {
    const { fixture, type, submit, done } = await render();
    type('password', 'Copper-Meadow-Falcon-17');
    type('confirmPassword', 'Copper-Meadow-Falcon-17');
    await submit();
    const request = backend.expectOne(URL);
    expect(request.request.body).toEqual({ token: 'tok-1', password: 'Copper-Meadow-Falcon-17' });
    request.flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();
    expect(done).toEqual([true]);
  });

  it('shows the server’s weak-password message beside the field and keeps the form', async () => {
    const { fixture, type, submit, error, newLink } = await render();
    type('password', 'password1');
    type('confirmPassword', 'password1');
    await submit();
    const message = 'This password is too common or easy to guess. Choose a longer or less common one.';
    backend.expectOne(URL).flush(...problem({ code: 'AUTH.WEAK_PASSWORD', detail: message, errors: [{ field: 'password', message }] }));
    await fixture.whenStable();
    expect(error('password')).toContain('too common');
    expect(newLink()).toBeNull();
  });

  it('explains a spent or expired link and offers a new one', async () => {
    const { fixture, element, type, submit, newLink } = await render();
    type('password', 'Copper-Meadow-Falcon-17');
    type('confirmPassword', 'Copper-Meadow-Falcon-17');
    await submit();
    backend.expectOne(URL).flush(...problem({ code: RESET_TOKEN_INVALID, detail: 'This reset link has expired or was already used. Ask for a new one.' }));
    await fixture.whenStable();
    expect(element.querySelector('[role=alert]')?.textContent).toContain('This link no longer works');
    expect(newLink()?.textContent?.trim()).toBe('Ask for a new link');
    expect(element.querySelector('form')).toBeNull();
  });

  it('explains a link without a token the same way', async () => {
    const { newLink, element } = await render(null);
    expect(element.querySelector('form')).toBeNull();
    expect(newLink()).not.toBeNull();
  });
});
