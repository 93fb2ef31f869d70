import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import SignUpPage from './sign-up.page';

describe('SignUpPage', () => {
  let backend: HttpTestingController;

  async function render() {
    TestBed.configureTestingModule({
      imports: [SignUpPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(SignUpPage);
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
    return { fixture, element, type, submit };
  }

  afterEach(() => {
    localStorage.clear();
    backend.verify();
  });

  it('explains invalid fields beside them, in the server’s words, without sending', async () => {
    const { element, type, submit } = await render();
    type('name', 'Ada');
    type('email', 'not-an-email');
    type('password', 'short');
    await submit();
    expect(element.querySelector('#email-error')?.textContent?.trim()).toBe('Email must be a valid email address.');
    expect(element.querySelector('#password-error')?.textContent?.trim()).toBe('Password must be at least 8 characters.');
    expect(element.querySelector('#password')?.getAttribute('aria-invalid')).toBe('true');
    expect(element.querySelector('#password')?.getAttribute('aria-describedby')).toBe('password-help password-error');
    backend.expectNone('/api/v1/auth/register');
  });

  it('shows the server’s field errors beside the field and other problems above the form', async () => {
    const { fixture, element, type, submit } = await render();
    type('name', 'Ada');
    type('email', 'ada@example.com');
    type('password', 'password1234');
    await submit();
    backend.expectOne('/api/v1/auth/register').flush(
      {
        status: 400,
        title: 'Bad Request',
        code: 'REQUEST.INVALID',
        detail: 'password is too common',
        errors: [{ field: 'password', message: 'password is too common — choose something less guessable' }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(element.querySelector('#password-error')?.textContent?.trim()).toBe('Password is too common — choose something less guessable.');
    expect(element.querySelector('.form-error')).toBeNull();

    // Editing the field clears the server's message; the next answer belongs to no field.
    type('password', 'a much better passphrase');
    await fixture.whenStable();
    expect(element.querySelector('#password-error')).toBeNull();
    await submit();
    backend.expectOne('/api/v1/auth/register').flush(
      { status: 409, title: 'Conflict', code: 'USER.EMAIL_TAKEN', detail: 'An account with this email already exists.' },
      { status: 409, statusText: 'Conflict' },
    );
    await fixture.whenStable();
    expect(element.querySelector('.form-error')?.textContent?.trim()).toBe('An account with this email already exists.');
    expect((element.querySelector('button[type=submit]') as HTMLButtonElement).disabled).toBe(false);
  });

  it('signs the new customer in and goes on to the first repair request', async () => {
    const { fixture, type, submit } = await render();
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    type('name', 'Ada');
    type('email', 'ada@example.com');
    type('password', 'a long passphrase');
    await submit();
    const request = backend.expectOne('/api/v1/auth/register');
    expect(request.request.body).toEqual({ name: 'Ada', email: 'ada@example.com', password: 'a long passphrase' });
    request.flush({
      user: { id: 'u1', email: 'ada@example.com', phone: null, name: 'Ada', role: 'customer', active: true, createdAt: '2025-01-01T00:00:00Z' },
      accessToken: 't',
      expiresIn: 900,
    });
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith('/repairs/new');
  });
});
