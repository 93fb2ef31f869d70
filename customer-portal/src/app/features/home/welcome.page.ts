import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';

@Component({
  selector: 'rh-welcome-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <div class="page">
      <section class="hero">
        <h1>Broken device? Let's get it fixed.</h1>
        <p class="lead">Tell us what's wrong, approve a clear quote, pay online and follow the repair step by step — with a live chat to your technician.</p>
        <div class="row">
          <a routerLink="/sign-up" class="button primary">Request a repair</a>
          <a routerLink="/sign-in" class="button secondary">I have an account</a>
        </div>
      </section>
      <ol class="steps" aria-label="How it works">
        <li class="card"><h2>1. Describe the problem</h2><p>Add your device and tell us what happened. It takes a minute.</p></li>
        <li class="card"><h2>2. Approve the quote</h2><p>A technician sends parts and labour costs. Accept and pay, or decline — no surprises.</p></li>
        <li class="card"><h2>3. Follow the repair</h2><p>See every step on a timeline and message your technician any time.</p></li>
      </ol>
    </div>
  `,
  styles: `
    .hero { padding: 2rem 0 1rem; display: grid; gap: 1rem; }
    .hero h1 { font-size: clamp(1.75rem, 5vw, 2.5rem); margin: 0; }
    .lead { font-size: 1.125rem; color: var(--text-muted); max-width: 40rem; margin: 0; }
    .steps { list-style: none; padding: 0; margin: 0; display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); }
    .steps p { margin: 0; color: var(--text-muted); }
  `,
})
export default class WelcomePage {}
