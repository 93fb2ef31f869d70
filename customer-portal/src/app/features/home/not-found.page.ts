import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';

@Component({
  selector: 'rh-not-found-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <div class="page">
      <h1>Page not found</h1>
      <p>The page you asked for doesn't exist. It may have moved.</p>
      <p><a routerLink="/">Go to the start page</a></p>
    </div>
  `,
})
export default class NotFoundPage {}
