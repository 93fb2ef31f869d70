import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import type { AttachmentView } from '@repairhub/contracts';
import { AttachmentBlobs } from './attachment-files';

/** The thumbnail of an image attachment, loaded with the access token; decorative (its button names the file). */
@Component({
  selector: 'rh-attachment-thumb',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (url(); as url) {
      <img [src]="url" alt="" width="96" height="96" />
    } @else {
      <span class="placeholder" aria-hidden="true"></span>
    }
  `,
  styles: `
    :host {
      display: block;
      width: 6rem;
      height: 6rem;
    }
    img,
    .placeholder {
      display: block;
      width: 100%;
      height: 100%;
      object-fit: cover;
      border-radius: var(--radius);
      background: var(--surface-sunken);
    }
  `,
})
export class AttachmentThumb {
  readonly attachment = input.required<AttachmentView>();
  private readonly blobs = inject(AttachmentBlobs);
  protected readonly url = signal<string | null>(null);

  constructor() {
    effect(() => {
      const attachment = this.attachment();
      this.blobs.thumbnail(attachment).then(
        (url) => this.url.set(url),
        () => this.url.set(null),
      );
    });
  }
}
