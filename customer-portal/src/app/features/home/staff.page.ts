import { ChangeDetectionStrategy, Component } from '@angular/core';

@Component({
  selector: 'rh-staff-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page">
      <h1>This portal is for customers</h1>
      <p>Technicians and admins work in the RepairHub console. You stay signed in when you open it.</p>
      <p><a class="button primary" href="/console/">Open the console</a></p>
    </div>
  `,
})
export default class StaffPage {}
