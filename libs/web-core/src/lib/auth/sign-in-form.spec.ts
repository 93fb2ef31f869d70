import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { UserView } from '@repairhub/contracts';
import { SignInForm } from './sign-in-form.component';

const ada: UserView = { id: 'u1', email: 'ada@example.com', phone: null, name: 'Ada', role: 'technician', active: true, createdAt: '2025-01-01T00:00:00Z' };

describe('SignInForm', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    backend = TestBed.inject(HttpTestingController);
  });
  afterEach(() => backend.verify());

  async function render() {
    const fixture = TestBed.createComponent(SignInForm);
    const signedIn: UserView[] = [];
    fixture.componentInstance.signedIn.subscribe((user) => signedIn.push(user));
    fixture.componentRef.setInput('forgotLink', '/forgot-password');
    await fixture.whenStable();
    const element: HTMLElement = fixture.nativeElement;
    const type = (id: string, value: string) => {
      const input = element.querySelector<HTMLInputElement>(`#${id}`)!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    const submit = async () => {
      element.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
      await fixture.whenStable();
    };
    return { fixture, element, signedIn, type, submit };
  }

  it('says why the user is here when their session ended', async () => {
    const { fixture, element } = await render();
    expect(element.querySelector('[role=status]')).toBeNull();
    fixture.componentRef.setInput('expired', true);
    await fixture.whenStable();
    expect(element.querySelector('[role=status]')?.textContent).toContain('Your session ended');
  });

  it('offers the app’s forgotten-password page beside the password', async () => {
    const { element } = await render();
    const link = element.querySelector<HTMLAnchorElement>('a.forgot')!;
    expect(link.textContent?.trim()).toBe('Forgot password?');
    expect(link.getAttribute('href')).toBe('/forgot-password');
  });

  it('confirms a password just reset with an emailed link', async () => {
    const { fixture, element } = await render();
    fixture.componentRef.setInput('passwordReset', true);
    await fixture.whenStable();
    expect(element.querySelector('[role=status]')?.textContent).toContain('Sign in with the new password');
  });

  it('explains empty fields without calling the API', async () => {
    const { element, submit } = await render();
    await submit();
    expect(element.querySelector('#email-error')?.textContent?.trim()).toBe('Email is required.');
    expect(element.querySelector('#password-error')?.textContent?.trim()).toBe('Password is required.');
    backend.expectNone('/api/v1/auth/login');
  });

  it('signs in, stays busy for the page to navigate, and hands over the user', async () => {
    const { element, signedIn, type, submit } = await render();
    type('email', 'ada@example.com');
    type('password', 'correct horse battery staple');
    await submit();
    const login = backend.expectOne('/api/v1/auth/login');
    expect(login.request.body).toEqual({ email: 'ada@example.com', password: 'correct horse battery staple' });
    expect(element.querySelector('button')?.textContent?.trim()).toBe('Signing in…');
    login.flush({ user: ada, accessToken: 'token', expiresIn: 900 });
    expect(signedIn).toEqual([ada]);
    expect(element.querySelector<HTMLButtonElement>('button')?.disabled).toBe(true);
  });

  it('shows the server’s reason and lets the user try again', async () => {
    const { fixture, element, signedIn, type, submit } = await render();
    type('email', 'ada@example.com');
    type('password', 'wrong');
    await submit();
    backend.expectOne('/api/v1/auth/login').flush(
      { type: 'about:blank', title: 'Unauthorized', status: 401, code: 'AUTH.INVALID_CREDENTIALS', detail: 'Email or password is incorrect.' },
      { status: 401, statusText: 'Unauthorized', headers: { 'content-type': 'application/problem+json' } },
    );
    await fixture.whenStable();
    expect(element.querySelector('[role=alert]')?.textContent?.trim()).toBe('Email or password is incorrect.');
    expect(element.querySelector<HTMLButtonElement>('button')?.disabled).toBe(false);
    expect(signedIn).toEqual([]);
  });
});
