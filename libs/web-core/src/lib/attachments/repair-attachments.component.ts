import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import type { AttachmentView } from '@repairhub/contracts';
import { ApiClient } from '../api/api-client';
import { ErrorState, Loading } from '../ui/states';
import { AttachmentGallery } from './attachment-gallery.component';
import { AttachmentPicker } from './attachment-picker.component';

/** The repair page's "Photos and documents": every attachment of the repair (intake and chat), and a button to add more. */
@Component({
  selector: 'rh-repair-attachments',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AttachmentGallery, AttachmentPicker, ErrorState, Loading],
  template: `
    <section class="card attachments" [attr.aria-labelledby]="headingId">
      <h2 [id]="headingId">Photos and documents</h2>
      @if (list.error()) {
        <rh-error-state title="We couldn't load the attachments" [error]="list.error()" (retry)="list.reload()" />
      } @else if (list.isLoading() && !list.hasValue()) {
        <rh-loading label="Loading attachments…" />
      } @else {
        @if (list.value()?.length) {
          <rh-attachment-gallery [attachments]="list.value()!" label="Photos and documents" />
        } @else {
          <p class="empty">{{ emptyText() }}</p>
        }
      }
      @if (canUpload()) {
        <rh-attachment-picker [repairId]="repairId()" label="Add photos or a PDF" (uploaded)="added($event)" />
        <p class="hint">JPEG, PNG, WebP, HEIC or PDF, up to 10 MB each. Location and camera details are removed from photos.</p>
      }
    </section>
  `,
  styles: `
    .attachments {
      display: grid;
      gap: 0.75rem;
    }
    .attachments h2 {
      margin: 0;
    }
    .empty,
    .hint {
      margin: 0;
      color: var(--text-muted);
      font-size: 0.875rem;
    }
  `,
})
export class RepairAttachments {
  readonly repairId = input.required<string>();
  readonly canUpload = input(true);
  readonly emptyText = input('No photos or documents yet.');

  private static nextId = 0;
  protected readonly headingId = `repair-attachments-${RepairAttachments.nextId++}`;
  private readonly api = inject(ApiClient);
  protected readonly list = rxResource({ params: () => this.repairId(), stream: ({ params }) => this.api.attachments.list(params) });

  protected added(attachment: AttachmentView): void {
    this.list.update((items) => [...(items ?? []), attachment]);
  }
}
