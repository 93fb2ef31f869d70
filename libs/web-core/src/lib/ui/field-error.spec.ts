import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { FieldA11y } from './field-a11y.directive';
import { FieldError, withLabel } from './field-error.component';

@Component({
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, FieldError, FieldA11y],
  template: `
    <input id="brand" [formControl]="brand" />
    <rh-field-error for="brand" label="Brand" [control]="brand" />
  `,
})
class Host {
  readonly brand = new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(5)] });
}

describe('FieldError', () => {
  it('shows the first error once the field was touched, and links it to the input', async () => {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const element: HTMLElement = fixture.nativeElement;
    expect(element.querySelector('.field-error')).toBeNull();

    fixture.componentInstance.brand.markAsTouched();
    await fixture.whenStable();
    expect(element.querySelector('#brand-error')?.textContent?.trim()).toBe('Brand is required.');
    expect(element.querySelector('#brand')?.getAttribute('aria-describedby')).toBe('brand-error');

    fixture.componentInstance.brand.setValue('Samsung');
    await fixture.whenStable();
    expect(element.querySelector('#brand-error')?.textContent?.trim()).toBe('Brand must be at most 5 characters.');

    fixture.componentInstance.brand.setErrors({ server: 'Brand is not known.' });
    await fixture.whenStable();
    expect(element.querySelector('#brand-error')?.textContent?.trim()).toBe('Brand is not known.');

    fixture.componentInstance.brand.setValue('Sony');
    await fixture.whenStable();
    expect(element.querySelector('.field-error')).toBeNull();
    expect(element.querySelector('#brand')?.getAttribute('aria-invalid')).toBeNull();
  });
});

describe('withLabel', () => {
  it('names the field by its label instead of the API property', () => {
    expect(withLabel('ExpiresAt must be in the future.', 'expiresAt', 'Valid until')).toBe('Valid until must be in the future.');
    expect(withLabel('That email is already registered.', 'email', 'Email')).toBe('That email is already registered.');
  });
});
