import { ChangeDetectionStrategy, Component, ElementRef, Injector, computed, effect, inject, viewChild } from '@angular/core';
import { RouterLink } from '@angular/router';
import { ChatConnection } from '../chat/chat-connection';
import { focusAfterRender } from '../ui/focus';
import { VideoCalls } from './video-call';

/**
 * A call ringing while its repair's chat is not on screen: who is calling and a link to the chat,
 * where it is answered. Put once in each app's root; it only listens on a chat connection the app
 * already opened (it never opens one, so presence stays what the pages make it).
 */
@Component({
  selector: 'rh-incoming-call-banner',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    @if (call(); as c) {
      <div class="banner" role="alertdialog" aria-modal="false" aria-labelledby="incoming-call-banner-title" aria-describedby="incoming-call-banner-desc">
        <p id="incoming-call-banner-title" class="title">Incoming video call</p>
        <p id="incoming-call-banner-desc">{{ c.callerName }} is calling you about a repair.</p>
        <div class="controls">
          <a #open class="button primary" [routerLink]="['/repairs', c.repairRequestId]">Open the chat to answer</a>
          <button type="button" class="button secondary" (click)="calls.decline()">Decline</button>
        </div>
      </div>
    }
  `,
  styles: `
    .banner {
      position: fixed;
      inset: auto 0.75rem 0.75rem 0.75rem;
      z-index: 50;
      max-width: 32rem;
      margin-inline: auto;
      background: var(--surface);
      border: 2px solid var(--primary-border);
      border-radius: var(--radius);
      box-shadow: 0 0.5rem 1.5rem rgb(0 0 0 / 0.2);
      padding: 0.75rem 1rem;
      display: grid;
      gap: 0.375rem;
    }
    .banner p {
      margin: 0;
    }
    .title {
      font-weight: 700;
    }
    .controls {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
  `,
})
export class IncomingCallBanner {
  protected readonly calls = inject(VideoCalls);
  private readonly connection = inject(ChatConnection);
  private readonly injector = inject(Injector);
  private readonly openLink = viewChild<ElementRef<HTMLElement>>('open');

  protected readonly call = computed(() => {
    const call = this.calls.call();
    return this.calls.phase() === 'ringing' && call && !this.calls.shownConversations().has(call.conversationId) ? call : null;
  });

  constructor() {
    effect(() => {
      if (this.connection.state() !== 'offline') this.calls.listen();
    });
    effect(() => {
      if (this.call()) focusAfterRender(this.injector, () => this.openLink()?.nativeElement);
    });
  }
}
