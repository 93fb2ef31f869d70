import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { ATTACHMENT_LIMITS, type AttachmentView } from '@repairhub/contracts';
import { ApiClient } from '../api/api-client';

/** What the file picker offers; the server still reads the type from the bytes. */
export const ATTACHMENT_ACCEPT = 'image/jpeg,image/png,image/webp,image/heic,image/heif,application/pdf,.jpg,.jpeg,.png,.webp,.heic,.heif,.pdf';

const MIB = 1024 * 1024;

/** Why a chosen file will not be sent, said before it is (null when it may go). */
export function attachmentFileProblem(file: File): string | null {
  if (file.size === 0) return `${file.name} is empty.`;
  if (file.size > ATTACHMENT_LIMITS.maxFileBytes) return `${file.name} is larger than ${ATTACHMENT_LIMITS.maxFileBytes / MIB} MiB.`;
  return null;
}

export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < MIB) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / MIB).toFixed(1)} MB`;
}

/**
 * Attachment bytes as `blob:` URLs. Thumbnails are kept for the page's life (small, shown again and
 * again); originals are fetched for the viewer and released by the caller.
 */
@Injectable({ providedIn: 'root' })
export class AttachmentBlobs {
  private readonly api = inject(ApiClient);
  private readonly thumbnails = new Map<string, Promise<string>>();

  thumbnail(attachment: AttachmentView): Promise<string> {
    let url = this.thumbnails.get(attachment.id);
    if (!url) {
      url = firstValueFrom(this.api.attachments.content(attachment.id, 'thumbnail')).then((blob) => URL.createObjectURL(blob));
      url.catch(() => this.thumbnails.delete(attachment.id));
      this.thumbnails.set(attachment.id, url);
    }
    return url;
  }

  async original(attachment: AttachmentView): Promise<string> {
    return URL.createObjectURL(await firstValueFrom(this.api.attachments.content(attachment.id)));
  }
}
