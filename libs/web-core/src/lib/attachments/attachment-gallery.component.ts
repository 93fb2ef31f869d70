import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, input, signal, viewChild } from '@angular/core';
import type { AttachmentView } from '@repairhub/contracts';
import { readProblem } from '../errors/problem';
import { AttachmentBlobs, formatFileSize } from './attachment-files';
import { AttachmentThumb } from './attachment-thumb.component';

/** Thumbnails of attachments (a file chip for PDFs); choosing one opens it in a viewer dialog. */
@Component({
  selector: 'rh-attachment-gallery',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AttachmentThumb],
  template: `
    <ul class="gallery" [attr.aria-label]="label()">
      @for (a of attachments(); track a.id) {
        <li>
          <button type="button" class="tile" (click)="open(a)" [attr.aria-label]="'Open ' + a.fileName">
            @if (a.hasThumbnail) {
              <rh-attachment-thumb [attachment]="a" />
            } @else {
              <span class="file" aria-hidden="true">PDF</span>
            }
            <span class="name">{{ a.fileName }}</span>
          </button>
        </li>
      }
    </ul>
    <dialog #viewer class="dialog viewer" [attr.aria-labelledby]="titleId" (close)="closed()">
      @if (current(); as a) {
        <h2 [id]="titleId" class="viewer-title">{{ a.fileName }}</h2>
        <p class="viewer-meta">{{ size() }}</p>
        @if (error()) {
          <p class="error" role="alert">{{ error() }}</p>
        } @else if (!url()) {
          <p role="status">Loading…</p>
        } @else if (a.contentType === 'application/pdf') {
          <p><a class="button primary" [href]="url()" [attr.download]="a.fileName">Download {{ a.fileName }}</a></p>
        } @else {
          <img class="full" [src]="url()" [alt]="a.fileName" />
        }
        <button type="button" class="button secondary" (click)="viewerRef().nativeElement.close()">Close</button>
      }
    </dialog>
  `,
  styles: `
    .gallery {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    .tile {
      display: grid;
      justify-items: center;
      gap: 0.25rem;
      width: 6.5rem;
      padding: 0.25rem;
      border: 1px solid var(--border);
      border-radius: var(--radius);
      background: var(--surface);
      cursor: pointer;
      color: inherit;
      font: inherit;
    }
    .file {
      display: grid;
      place-items: center;
      width: 6rem;
      height: 6rem;
      font-weight: 700;
      color: var(--text-muted);
      background: var(--surface-sunken);
      border-radius: var(--radius);
    }
    .name {
      max-width: 100%;
      font-size: 0.75rem;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .viewer {
      max-width: min(56rem, 95vw);
    }
    .viewer-title {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .viewer-meta {
      margin: 0 0 0.5rem;
      color: var(--text-muted);
      font-size: 0.875rem;
    }
    .full {
      display: block;
      max-width: 100%;
      max-height: 70vh;
      margin: 0 auto 0.75rem;
    }
    .error {
      color: var(--danger-text);
    }
  `,
})
export class AttachmentGallery {
  readonly attachments = input.required<AttachmentView[]>();
  readonly label = input('Attachments');

  private static nextId = 0;
  protected readonly titleId = `attachment-viewer-${AttachmentGallery.nextId++}`;
  private readonly blobs = inject(AttachmentBlobs);
  protected readonly viewerRef = viewChild.required<ElementRef<HTMLDialogElement>>('viewer');
  protected readonly current = signal<AttachmentView | null>(null);
  protected readonly url = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly size = computed(() => {
    const a = this.current();
    return a ? formatFileSize(a.size) : '';
  });

  protected open(attachment: AttachmentView): void {
    this.current.set(attachment);
    this.error.set(null);
    this.url.set(null);
    this.viewerRef().nativeElement.showModal();
    this.blobs.original(attachment).then(
      (url) => (this.current() === attachment ? this.url.set(url) : URL.revokeObjectURL(url)),
      (error: unknown) => this.error.set(readProblem(error).message),
    );
  }

  protected closed(): void {
    const url = this.url();
    if (url) URL.revokeObjectURL(url);
    this.url.set(null);
    this.current.set(null);
  }
}
