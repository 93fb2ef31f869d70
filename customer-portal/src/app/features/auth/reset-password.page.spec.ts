import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import ResetPasswordPage from './reset-password.page';

describe('ResetPasswordPage', () => {
  it('sends the user to sign in with the new password once it is set', async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    const router = TestBed.inject(Router);
    const navigate = vi.spyOn(router, 'navigate').mockResolvedValue(true);
    const fixture = TestBed.createComponent(ResetPasswordPage);
    fixture.componentRef.setInput('token', 'tok-1');
    await fixture.whenStable();
    const element: HTMLElement = fixture.nativeElement;
    for (const id of ['password', 'confirmPassword']) {
      const input = element.querySelector<HTMLInputElement>(`#${id}`)!;
      input.value = 'Copper-Meadow-Falcon-17';
      input.dispatchEvent(new Event('input'));
    }
    element.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    TestBed.inject(HttpTestingController).expectOne('/api/v1/auth/password/reset').flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith(['/sign-in'], { queryParams: { reset: 1 } });
  });
});
