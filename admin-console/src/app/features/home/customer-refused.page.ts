import { ChangeDetectionStrategy, Component } from '@angular/core';

@Component({
  selector: 'rh-customer-refused-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page">
      <h1>The console is for RepairHub staff</h1>
      <p>Customers request repairs, pay quotes and chat with their technician in the customer portal. You stay signed in there.</p>
      <p><a class="button primary" href="/">Go to the customer portal</a></p>
    </div>
  `,
})
export default class CustomerRefusedPage {}
