import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterRenderEffect,
  inject,
  input,
  runInInjectionContext,
  signal,
  viewChild,
  type OnInit,
} from '@angular/core';
import { MESSAGE_MAX_LENGTH, type AttachmentView } from '@repairhub/contracts';
import { AttachmentGallery } from '../attachments/attachment-gallery.component';
import { AttachmentPicker } from '../attachments/attachment-picker.component';
import { CallPanel } from '../calls/call-panel.component';
import { ErrorState, Loading } from '../ui/states';
import { ChatRoom } from './chat-room';
import { SystemNotePipe } from './system-note.pipe';

/**
 * The chat of one conversation (render a new panel for another conversation, e.g. with `@for ... track`). Messages are rendered as text (interpolation), never as HTML;
 * system messages (status changes) are set apart as timeline notes.
 */
@Component({
  selector: 'rh-chat-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, Loading, ErrorState, AttachmentGallery, AttachmentPicker, SystemNotePipe, CallPanel],
  template: `
    @if (room(); as room) {
      <section class="chat" [attr.aria-labelledby]="headingId">
        <header class="chat-head">
          <h2 [id]="headingId">{{ heading() }}</h2>
          @switch (room.connectionState()) {
            @case ('reconnecting') {
              <span class="conn conn-warn" role="status">Reconnecting…</span>
            }
            @case ('connecting') {
              <span class="conn" role="status">Connecting…</span>
            }
            @case ('offline') {
              <span class="conn conn-warn" role="status">Offline — messages are sent when you are back</span>
            }
          }
        </header>
        <rh-call-panel [conversationId]="conversationId()" [canCall]="canCall()" [peerLabel]="peerLabel()" />

        @switch (room.status()) {
          @case ('loading') {
            <rh-loading label="Loading messages…" />
          }
          @case ('error') {
            <rh-error-state title="We couldn't load the messages" [error]="room.error()" (retry)="room.loadLatest()" />
          }
          @default {
            <div class="log-wrap" #scroller tabindex="0" role="region" aria-label="Message history">
              @if (room.hasOlder()) {
                <button type="button" class="button link older" (click)="room.loadOlder()">Show earlier messages</button>
              }
              @if (room.items().length === 0) {
                <p class="empty">No messages yet. {{ emptyHint() }}</p>
              }
              <div role="log" aria-label="Messages">
                <ol class="log">
                  @for (item of room.items(); track item.key) {
                    @if (item.kind === 'stored') {
                      @if (item.message.type === 'system') {
                        <li class="system">
                          <span>{{ item.message | systemNote }}</span
                          ><time [attr.datetime]="item.message.createdAt">{{ item.message.createdAt | date: 'MMM d, HH:mm' }}</time>
                        </li>
                      } @else {
                        <li class="bubble" [class.mine]="item.mine">
                          <span class="who visually-hidden">{{ item.mine ? 'You' : peerLabel() }}:</span>
                          @if (item.message.content) {
                            <p class="content">{{ item.message.content }}</p>
                          }
                          @if (item.message.attachments.length) {
                            <rh-attachment-gallery [attachments]="item.message.attachments" label="Attached files" />
                          }
                          <span class="meta">
                            <time [attr.datetime]="item.message.createdAt">{{ item.message.createdAt | date: 'HH:mm' }}</time>
                            @if (item.mine && room.seenMessageId() === item.message.id) {
                              <span class="seen">Seen</span>
                            }
                          </span>
                        </li>
                      }
                    } @else {
                      <li class="bubble mine pending" [class.failed]="item.pending.state === 'failed'">
                        <span class="who visually-hidden">You:</span>
                        @if (item.pending.content) {
                          <p class="content">{{ item.pending.content }}</p>
                        }
                        @for (a of item.pending.attachments ?? []; track a.id) {
                          <p class="content">📎 {{ a.fileName }}</p>
                        }
                        @if (item.pending.state === 'sending') {
                          <span class="meta">Sending…</span>
                        } @else {
                          <p class="failed-text" role="status">{{ room.failureText(item.pending) }}</p>
                          <span class="actions">
                            <button type="button" class="button secondary small" (click)="room.retry(item.pending.clientId)">Retry</button>
                            <button type="button" class="button secondary small" (click)="room.discard(item.pending.clientId)">
                              Discard
                            </button>
                          </span>
                        }
                      </li>
                    }
                  }
                </ol>
              </div>
            </div>
            <p class="typing" aria-live="polite">{{ room.peerTyping() ? peerLabel() + ' is typing…' : '' }}</p>
            @if (staged().length) {
              <ul class="staged" aria-label="Files to send">
                @for (a of staged(); track a.id) {
                  <li>
                    <span>📎 {{ a.fileName }}</span>
                    <button type="button" class="button link small" (click)="unstage(a)" [attr.aria-label]="'Remove ' + a.fileName">Remove</button>
                  </li>
                }
              </ul>
            }
            <form class="composer" (submit)="send($event)">
              <label [for]="inputId" class="visually-hidden">Message</label>
              <textarea
                #box
                [id]="inputId"
                rows="2"
                [attr.maxlength]="maxLength"
                placeholder="Write a message"
                [value]="draft()"
                (input)="onInput(box.value)"
                (keydown.enter)="onEnter($event)"
                (focus)="room.markRead()"
              ></textarea>
              <button type="submit" class="button primary" [disabled]="!draft().trim() && !staged().length">Send</button>
            </form>
            @if (repairId(); as repairId) {
              <rh-attachment-picker [repairId]="repairId" label="Attach photos" [small]="true" (uploaded)="stage($event)" />
            }
            <p class="hint">Enter sends, Shift+Enter starts a new line.</p>
          }
        }
      </section>
    }
  `,
  styles: `
    .chat {
      display: grid;
      gap: 0.5rem;
    }
    .chat-head {
      display: flex;
      align-items: baseline;
      justify-content: space-between;
      gap: 1rem;
      flex-wrap: wrap;
    }
    .chat-head h2 {
      margin: 0;
    }
    .conn {
      font-size: 0.875rem;
      color: var(--text-muted);
    }
    .conn-warn {
      color: var(--warning-text);
    }
    .log-wrap {
      max-height: 24rem;
      overflow-y: auto;
      border: 1px solid var(--border);
      border-radius: var(--radius);
      padding: 0.75rem;
      background: var(--surface-sunken);
    }
    .log {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 0.5rem;
    }
    .bubble {
      max-width: 85%;
      justify-self: start;
      background: var(--surface);
      border: 1px solid var(--border);
      border-radius: 1rem 1rem 1rem 0.25rem;
      padding: 0.5rem 0.75rem;
    }
    .bubble.mine {
      justify-self: end;
      background: var(--primary-soft);
      border-color: var(--primary-border);
      border-radius: 1rem 1rem 0.25rem 1rem;
    }
    .bubble.failed {
      border-color: var(--danger);
      background: var(--surface);
    }
    .content {
      margin: 0;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .meta {
      display: block;
      font-size: 0.75rem;
      color: var(--text-muted);
      margin-top: 0.25rem;
    }
    .failed-text {
      margin: 0.25rem 0 0;
      font-size: 0.8125rem;
      color: var(--danger-text);
      font-weight: 600;
    }
    .actions {
      display: flex;
      gap: 0.5rem;
      margin-top: 0.375rem;
    }
    .system time {
      display: block;
      font-size: 0.75rem;
    }
    .seen::before {
      content: ' · ';
    }
    .system {
      justify-self: center;
      text-align: center;
      font-size: 0.8125rem;
      color: var(--text-muted);
      background: var(--surface);
      border: 1px dashed var(--border-strong);
      border-radius: 999px;
      padding: 0.25rem 0.75rem;
    }
    .typing {
      min-height: 1.25rem;
      margin: 0;
      font-size: 0.875rem;
      color: var(--text-muted);
    }
    .composer {
      display: flex;
      gap: 0.5rem;
      align-items: end;
    }
    .composer textarea {
      flex: 1;
      resize: vertical;
      min-height: 2.75rem;
    }
    .hint,
    .empty {
      font-size: 0.8125rem;
      color: var(--text-muted);
      margin: 0;
    }
    .staged {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 1rem;
      font-size: 0.875rem;
    }
    .staged li {
      overflow-wrap: anywhere;
    }
    .older {
      justify-self: center;
      margin-bottom: 0.5rem;
    }
  `,
})
export class ChatPanel implements OnInit {
  readonly conversationId = input.required<string>();
  readonly heading = input('Messages');
  /** How the other side is called in "… is typing" and for screen readers. */
  readonly peerLabel = input('The other person');
  readonly emptyHint = input('');
  /** The conversation's repair: set, the composer can attach photos (uploaded to the repair, sent with the message). */
  readonly repairId = input<string | null>(null);
  /** The signed-in user is the repair's customer or its assigned technician: offer a video call. */
  readonly canCall = input(false);

  private static nextId = 0;
  protected readonly headingId = `chat-heading-${ChatPanel.nextId}`;
  protected readonly inputId = `chat-input-${ChatPanel.nextId++}`;
  protected readonly maxLength = MESSAGE_MAX_LENGTH;
  protected readonly draft = signal('');
  protected readonly staged = signal<AttachmentView[]>([]);
  private readonly scroller = viewChild<ElementRef<HTMLElement>>('scroller');
  private readonly injector = inject(Injector);
  protected readonly room = signal<ChatRoom | null>(null);

  constructor() {
    afterRenderEffect(() => {
      const room = this.room();
      const count = room?.items().length ?? 0;
      const element = this.scroller()?.nativeElement;
      if (room && element && count) {
        element.scrollTop = element.scrollHeight;
        if (typeof document === 'undefined' || document.visibilityState === 'visible') room.markRead();
      }
    });
  }

  ngOnInit(): void {
    // The room lives as long as this panel (it registers its clean-up on the panel's DestroyRef).
    this.room.set(runInInjectionContext(this.injector, () => new ChatRoom(this.conversationId())));
  }

  protected onInput(value: string): void {
    this.draft.set(value);
    if (value.trim()) this.room()?.typing();
  }

  protected onEnter(event: Event): void {
    if ((event as KeyboardEvent).shiftKey) return;
    event.preventDefault();
    this.send(event);
  }

  protected send(event: Event): void {
    event.preventDefault();
    const text = this.draft().trim();
    const attachments = this.staged();
    if (!text && !attachments.length) return;
    this.room()?.send(text, attachments);
    this.draft.set('');
    this.staged.set([]);
  }

  protected stage(attachment: AttachmentView): void {
    this.staged.update((list) => [...list, attachment]);
  }

  protected unstage(attachment: AttachmentView): void {
    this.staged.update((list) => list.filter((a) => a.id !== attachment.id));
  }
}
