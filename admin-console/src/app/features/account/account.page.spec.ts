import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { computed, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { Role } from '@repairhub/contracts';
import { AuthStore } from '@repairhub/web-core';
import AccountPage from './account.page';

describe('console AccountPage', () => {
  let backend: HttpTestingController;

  async function render(role: Role) {
    const user = signal({ id: 's1', name: 'Robin Solder', email: 'robin@example.com', role, active: true, createdAt: '2025-01-01T00:00:00Z' });
    TestBed.configureTestingModule({
      imports: [AccountPage],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: AuthStore, useValue: { user, role: computed(() => user().role) } },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(AccountPage);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  afterEach(() => backend.verify());

  it('shows who is signed in, and the change-password form', async () => {
    const element = await render('technician');
    const details = element.querySelector('dl')?.textContent ?? '';
    expect(details).toContain('Robin Solder');
    expect(details).toContain('robin@example.com');
    expect(details).toContain('Technician');
    expect(element.textContent).toContain('To change your name or role, ask an admin.');
    expect(element.querySelector('section[aria-labelledby="password-heading"] rh-change-password-form input#currentPassword')).toBeTruthy();
  });

  it('points admins to the Users page for names and roles', async () => {
    const element = await render('admin');
    expect(element.querySelector('dl')?.textContent).toContain('Admin');
    expect(element.querySelector('a[href="/admin/users"]')?.textContent).toBe('Users');
  });
});
