import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, Injector, computed, effect, inject, input, viewChild, type OnInit } from '@angular/core';
import { formatCallClock } from '@repairhub/contracts';
import { focusAfterRender } from '../ui/focus';
import { VideoCalls } from './video-call';

/**
 * The video call of one conversation inside its chat: the start button (for the two people who may
 * call), the incoming-call prompt (focused and announced), and the call itself — the other person's
 * video, my preview, mute, camera and hang-up — stacked full width on a phone.
 */
@Component({
  selector: 'rh-call-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (here()) {
      @switch (calls.phase()) {
        @case ('ringing') {
          <div class="incoming" role="alertdialog" aria-modal="false" [attr.aria-labelledby]="ids.title" [attr.aria-describedby]="ids.desc">
            <p [id]="ids.title" class="incoming-title">Incoming video call</p>
            <p [id]="ids.desc" class="muted">{{ calls.call()?.callerName }} is calling you about this repair.</p>
            <div class="controls">
              <button #acceptButton type="button" class="button primary" (click)="calls.accept()">Accept</button>
              <button type="button" class="button danger" (click)="calls.decline()">Decline</button>
            </div>
          </div>
        }
        @case ('idle') {}
        @default {
          <section class="call" [attr.aria-labelledby]="ids.title" #callView tabindex="-1">
            <h3 [id]="ids.title" class="call-title">
              Video call with {{ peerLabel().toLowerCase() }}
              @if (calls.phase() === 'in-call') {
                <span class="clock"><span class="visually-hidden">Duration </span><time>{{ clock() }}</time></span>
              }
            </h3>
            <p class="muted" role="status">{{ statusText() }}</p>
            <div class="videos">
              <video
                #remoteVideo
                class="remote"
                [srcObject]="calls.remoteStream()"
                autoplay
                playsinline
                [attr.aria-label]="peerLabel() + '’s video'"
              ></video>
              <video #localVideo class="local" [srcObject]="calls.localStream()" autoplay playsinline muted aria-label="Your camera"></video>
            </div>
            <div class="controls" role="group" aria-label="Call controls">
              <button type="button" class="button secondary" [attr.aria-pressed]="calls.muted()" (click)="calls.toggleMute()" [disabled]="!calls.localStream()">
                {{ calls.muted() ? 'Unmute' : 'Mute' }}
              </button>
              <button type="button" class="button secondary" [attr.aria-pressed]="calls.cameraOff()" (click)="calls.toggleCamera()" [disabled]="!calls.localStream()">
                {{ calls.cameraOff() ? 'Camera on' : 'Camera off' }}
              </button>
              <button type="button" class="button danger" (click)="calls.hangUp()">{{ calls.phase() === 'calling' ? 'Cancel call' : 'Hang up' }}</button>
            </div>
          </section>
        }
      }
    }
    @if (calls.phase() === 'idle' && canCall()) {
      <button type="button" class="button secondary start" (click)="calls.start(conversationId())">Start video call</button>
    }
    @if (notice(); as n) {
      <p class="notice" [class.error]="n.kind === 'error'" [attr.role]="n.kind === 'error' ? 'alert' : 'status'">
        <span>{{ n.text }}</span>
        <button type="button" class="button link small" (click)="calls.dismissNotice()">Dismiss</button>
      </p>
    }
  `,
  styles: `
    :host {
      display: grid;
      gap: 0.5rem;
    }
    .start {
      justify-self: start;
    }
    .incoming,
    .call {
      border: 2px solid var(--primary-border);
      background: var(--primary-soft);
      border-radius: var(--radius);
      padding: 0.75rem;
      display: grid;
      gap: 0.5rem;
    }
    .incoming-title,
    .call-title {
      margin: 0;
      font-weight: 700;
      font-size: 1.0625rem;
      display: flex;
      justify-content: space-between;
      gap: 0.5rem;
      flex-wrap: wrap;
    }
    .muted {
      margin: 0;
      color: var(--text-muted);
    }
    .clock {
      font-variant-numeric: tabular-nums;
      font-weight: 600;
    }
    .videos {
      display: grid;
      grid-template-columns: 3fr 1fr;
      gap: 0.5rem;
      align-items: start;
    }
    video {
      width: 100%;
      border-radius: var(--radius);
      background: #111;
      aspect-ratio: 4 / 3;
      object-fit: cover;
    }
    .local {
      transform: scaleX(-1);
    }
    .controls {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    .controls .button {
      min-height: 2.75rem;
    }
    .notice {
      margin: 0;
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 0.25rem 0.75rem;
      color: var(--text-muted);
    }
    .notice.error {
      color: var(--danger-text);
      font-weight: 600;
    }
    @media (max-width: 40rem) {
      .videos {
        grid-template-columns: 1fr;
      }
      .local {
        width: 40%;
        justify-self: end;
      }
      .controls .button {
        flex: 1 1 auto;
      }
    }
  `,
})
export class CallPanel implements OnInit {
  readonly conversationId = input.required<string>();
  /** The customer and the assigned technician may start a call; others only see its outcome. */
  readonly canCall = input(false);
  readonly peerLabel = input('The other person');

  protected readonly calls = inject(VideoCalls);
  private readonly injector = inject(Injector);
  private readonly destroyRef = inject(DestroyRef);
  private static nextId = 0;
  protected readonly ids = { title: `call-title-${CallPanel.nextId}`, desc: `call-desc-${CallPanel.nextId++}` };
  private readonly acceptButton = viewChild<ElementRef<HTMLButtonElement>>('acceptButton');
  private readonly callView = viewChild<ElementRef<HTMLElement>>('callView');

  /** The current call belongs to this conversation. */
  protected readonly here = computed(() => this.calls.call()?.conversationId === this.conversationId());
  protected readonly notice = computed(() => {
    const n = this.calls.notice();
    return n && n.conversationId === this.conversationId() ? n.notice : null;
  });
  protected readonly clock = computed(() => formatCallClock(this.calls.elapsedSeconds()));
  protected readonly statusText = computed(() => {
    switch (this.calls.phase()) {
      case 'starting':
        return 'Opening your camera…';
      case 'calling':
        return `Calling ${this.peerLabel().toLowerCase()}…`;
      case 'connecting':
        return 'Connecting…';
      case 'in-call':
        return 'Connected.';
      default:
        return '';
    }
  });

  constructor() {
    // The prompt takes focus when it appears; the call view when it opens, so the keyboard is where the call is.
    effect(() => {
      if (this.here() && this.calls.phase() === 'ringing') focusAfterRender(this.injector, () => this.acceptButton()?.nativeElement);
    });
    effect(() => {
      const phase = this.calls.phase();
      if (this.here() && (phase === 'calling' || phase === 'connecting')) focusAfterRender(this.injector, () => this.callView()?.nativeElement);
    });
  }

  ngOnInit(): void {
    this.calls.listen();
    this.destroyRef.onDestroy(this.calls.show(this.conversationId()));
  }
}
