import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { AuthStore } from './auth-store';
import { ChangePasswordForm, PASSWORD_CHANGED_MESSAGE } from './change-password-form.component';

const URL = '/api/v1/auth/me/password';
/** The body and response options of a problem+json answer, as `flush` takes them. */
const problem = (status: number, body: object, headers: Record<string, string> = {}) =>
  [
    { type: 'about:blank', title: 'Bad Request', status, ...body },
    { status, statusText: status === 429 ? 'Too Many Requests' : 'Bad Request', headers: { 'content-type': 'application/problem+json', ...headers } },
  ] as const;

describe('ChangePasswordForm', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: AuthStore, useValue: { user: signal({ id: 'u1', name: 'Ada', email: 'ada@example.com', role: 'customer' }) } },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
  });
  afterEach(() => backend.verify());

  async function render() {
    const fixture = TestBed.createComponent(ChangePasswordForm);
    await fixture.whenStable();
    const element: HTMLElement = fixture.nativeElement;
    const input = (id: string) => element.querySelector<HTMLInputElement>(`#${id}`)!;
    const type = (id: string, value: string) => {
      input(id).value = value;
      input(id).dispatchEvent(new Event('input'));
      input(id).dispatchEvent(new Event('blur'));
    };
    const fill = (current: string, next: string, confirm = next) => {
      type('currentPassword', current);
      type('newPassword', next);
      type('confirmPassword', confirm);
    };
    const button = () => element.querySelector<HTMLButtonElement>('button[type=submit]')!;
    const submit = async () => {
      button().click();
      await fixture.whenStable();
    };
    const error = (id: string) => element.querySelector(`#${id}-error`)?.textContent?.trim() ?? null;
    const status = () => element.querySelector('[role=status]')?.textContent?.trim();
    return { fixture, element, input, type, fill, button, submit, error, status };
  }

  it('labels the fields for password managers and hints the minimum length', async () => {
    const { element, input } = await render();
    expect(element.querySelector('label[for=currentPassword]')?.textContent).toBe('Current password');
    expect(element.querySelector('label[for=newPassword]')?.textContent).toBe('New password');
    expect(element.querySelector('label[for=confirmPassword]')?.textContent).toBe('Confirm new password');
    expect(input('currentPassword').autocomplete).toBe('current-password');
    expect(input('newPassword').autocomplete).toBe('new-password');
    expect(input('confirmPassword').autocomplete).toBe('new-password');
    expect(element.querySelector('#newPassword-help')?.textContent).toContain('At least 8 characters');
    expect(input('newPassword').getAttribute('aria-describedby')).toBe('newPassword-help');
    expect(element.querySelector<HTMLInputElement>('input[autocomplete=username]')?.value).toBe('ada@example.com');
  });

  it('blocks a confirmation that does not match, beside the confirmation, without a request', async () => {
    const { fixture, input, fill, submit, error, type } = await render();
    fill('old secret 1', 'new secret 22', 'new secret 23');
    await submit();
    backend.expectNone(URL);
    expect(error('confirmPassword')).toBe('This does not match your new password.');
    expect(error('currentPassword')).toBeNull();
    expect(error('newPassword')).toBeNull();
    expect(input('confirmPassword').getAttribute('aria-invalid')).toBe('true');
    expect(input('confirmPassword').getAttribute('aria-describedby')).toBe('confirmPassword-error');
    expect(document.activeElement).toBe(input('confirmPassword'));

    // Fixing the new password instead also clears the mismatch.
    type('newPassword', 'new secret 23');
    await fixture.whenStable();
    expect(error('confirmPassword')).toBeNull();
  });

  it('explains empty and too short fields without a request', async () => {
    const { type, submit, error } = await render();
    type('newPassword', 'short');
    await submit();
    backend.expectNone(URL);
    expect(error('currentPassword')).toBe('Current password is required.');
    expect(error('newPassword')).toBe('New password must be at least 8 characters.');
    expect(error('confirmPassword')).toBe('Type your new password again to confirm it.');
  });

  it('changes the password once, then empties the form and announces it', async () => {
    const { fixture, input, fill, button, submit, error, status } = await render();
    fill('old secret 1', 'new secret 22');
    await submit();
    expect(button().textContent?.trim()).toBe('Changing password…');
    expect(button().getAttribute('aria-disabled')).toBe('true');
    await submit(); // a second click while busy
    const request = backend.expectOne(URL);
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ currentPassword: 'old secret 1', newPassword: 'new secret 22' });

    request.flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();
    expect(status()).toBe(PASSWORD_CHANGED_MESSAGE);
    expect(status()).toBe('Password changed. You were signed out on your other devices.');
    for (const id of ['currentPassword', 'newPassword', 'confirmPassword']) {
      expect(input(id).value).toBe('');
      expect(error(id)).toBeNull();
      expect(input(id).hasAttribute('aria-invalid')).toBe(false);
    }
    expect(button().textContent?.trim()).toBe('Change password');
    expect(button().hasAttribute('aria-disabled')).toBe(false);
  });

  it('shows a wrong current password beside that field and lets the user try again', async () => {
    const { fixture, element, input, fill, type, button, submit, error, status } = await render();
    fill('not my password', 'new secret 22');
    await submit();
    backend
      .expectOne(URL)
      .flush(...problem(400, { code: 'AUTH.WRONG_PASSWORD', detail: 'Validation failed', errors: [{ field: 'currentPassword', message: 'Your current password is incorrect.' }] }));
    await fixture.whenStable();
    expect(error('currentPassword')).toBe('Your current password is incorrect.');
    expect(input('currentPassword').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(input('currentPassword'));
    expect(element.querySelector('[role=alert]')).toBeNull();
    expect(status()).toBe('');
    expect(button().hasAttribute('aria-disabled')).toBe(false);
    expect(input('newPassword').value).toBe('new secret 22');

    type('currentPassword', 'old secret 1');
    await fixture.whenStable();
    expect(error('currentPassword')).toBeNull();
    await submit();
    backend.expectOne(URL).flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();
    expect(status()).toBe(PASSWORD_CHANGED_MESSAGE);
  });

  it('shows an unchanged new password beside the new password', async () => {
    const { fixture, fill, submit, error } = await render();
    fill('old secret 1', 'old secret 1');
    await submit();
    backend
      .expectOne(URL)
      .flush(...problem(400, { code: 'AUTH.PASSWORD_UNCHANGED', errors: [{ field: 'newPassword', message: 'Choose a password different from your current one.' }] }));
    await fixture.whenStable();
    expect(error('newPassword')).toBe('Choose a password different from your current one.');
    expect(error('currentPassword')).toBeNull();
  });

  it('says when there were too many attempts, above the form', async () => {
    const { fixture, element, fill, submit, button } = await render();
    fill('old secret 1', 'new secret 22');
    await submit();
    backend
      .expectOne(URL)
      .flush(...problem(429, { title: 'Too Many Requests', detail: 'Too many attempts. Please wait a moment and try again.' }, { 'retry-after': '30' }));
    await fixture.whenStable();
    expect(element.querySelector('[role=alert]')?.textContent?.trim()).toBe('Too many attempts. Please wait a moment and try again (about 30 s).');
    expect(button().hasAttribute('aria-disabled')).toBe(false);
  });
});
