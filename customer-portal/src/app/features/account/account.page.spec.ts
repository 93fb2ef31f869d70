import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { AuthStore } from '@repairhub/web-core';
import AccountPage from './account.page';

describe('AccountPage', () => {
  let backend: HttpTestingController;

  async function render(emailNonEssential = true) {
    TestBed.configureTestingModule({
      imports: [AccountPage],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        {
          provide: AuthStore,
          useValue: { user: signal({ id: 'c1', name: 'Jamie Rivera', email: 'jamie@example.com', role: 'customer' }) },
        },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(AccountPage);
    fixture.detectChanges();
    backend.expectOne({ method: 'GET', url: '/api/v1/auth/me/preferences' }).flush({ emailNonEssential });
    await fixture.whenStable();
    const element: HTMLElement = fixture.nativeElement;
    const box = () => element.querySelector<HTMLInputElement>('#non-essential')!;
    const status = () => element.querySelector('[role="status"]')?.textContent?.trim();
    const patch = () => backend.expectOne({ method: 'PATCH', url: '/api/v1/auth/me/preferences' });
    return { fixture, element, box, status, patch };
  }

  afterEach(() => backend.verify());

  it('shows who is signed in and the current choice, under a label that says what it does', async () => {
    const { element, box } = await render(false);
    expect(element.textContent).toContain('jamie@example.com');
    expect(box().checked).toBe(false);
    expect(element.querySelector('label[for="non-essential"]')?.textContent).toBe('Email me reminders and other non-essential updates');
    expect(element.textContent).toContain('We always email you about quotes, payments and a finished repair');
  });

  it('has a Password section with the change-password form', async () => {
    const { element } = await render();
    const section = element.querySelector('section[aria-labelledby="password-heading"]');
    expect(section?.querySelector('h2')?.textContent).toBe('Password');
    expect(section?.querySelector('rh-change-password-form input#currentPassword')).toBeTruthy();
  });

  it('saves a change, ignores clicks while saving, and confirms it', async () => {
    const { fixture, box, status, patch } = await render(true);
    box().click();
    fixture.detectChanges();
    expect(box().checked).toBe(false);
    expect(status()).toBe('Saving…');
    expect(box().getAttribute('aria-disabled')).toBe('true');
    box().click();
    expect(box().checked).toBe(false);

    const request = patch();
    expect(request.request.body).toEqual({ emailNonEssential: false });
    request.flush({ emailNonEssential: false });
    await fixture.whenStable();
    expect(box().checked).toBe(false);
    expect(box().hasAttribute('aria-disabled')).toBe(false);
    expect(status()).toBe('Saved. We will only email you what is essential.');
  });

  it('puts the box back and explains why when saving fails', async () => {
    const { fixture, element, box, status, patch } = await render(true);
    box().click();
    patch().flush(
      { title: 'Bad Request', status: 400, detail: 'emailNonEssential must be a boolean value' },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(box().checked).toBe(true);
    expect(status()).toBe('');
    expect(element.querySelector('[role="alert"]')?.textContent).toBe(
      'Your choice was not saved. EmailNonEssential must be a boolean value.',
    );

    box().click();
    expect(patch().request.body).toEqual({ emailNonEssential: false });
    await fixture.whenStable();
    expect(element.querySelector('[role="alert"]')).toBeNull();
  });
});
