import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ATTACHMENT_LIMITS, type AttachmentView } from '@repairhub/contracts';
import { conflict, forbidden, notFound } from '../common/errors/domain-error.js';
import { queryRows, SqlParams } from '../common/sql.js';
import { repairNotFound } from '../repairs/repairs.service.js';
import { repairVisibility, type Viewer } from '../repairs/repair-visibility.js';
import { prepareAttachment } from './attachment-content.js';
import { ATTACHMENT_COLUMNS, toAttachmentView, type AttachmentRow } from './attachment.mapper.js';
import { AttachmentStorage } from './attachment-storage.js';
import { closeHeicDecoder } from './heic-decoder.js';

export interface UploadedFile {
  fileName: string;
  bytes: Buffer;
}

export interface AttachmentContent {
  attachment: AttachmentView;
  contentType: string;
  body: Readable;
}

const attachmentNotFound = () => notFound('ATTACHMENT.NOT_FOUND', 'Attachment');

@Injectable()
export class AttachmentsService implements OnModuleDestroy {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly storage: AttachmentStorage,
  ) {}

  onModuleDestroy(): Promise<void> {
    return closeHeicDecoder();
  }

  /**
   * Who may upload: the owner, the assigned technician and admins (a technician who only sees an
   * unassigned request in the queue may not). Checked before the body is read.
   */
  async assertMayUpload(viewer: Viewer, repairId: string): Promise<void> {
    const p = new SqlParams();
    const [repair] = await queryRows<{ assigned_technician_id: string | null }>(
      this.db,
      `SELECT r.assigned_technician_id FROM repair_requests r WHERE r.id = ${p.add(repairId)} AND ${repairVisibility(viewer, 'r', p)}`,
      p.values,
    );
    if (!repair) throw repairNotFound();
    if (viewer.role === 'technician' && repair.assigned_technician_id !== viewer.id) {
      throw forbidden('ATTACHMENT.UPLOAD_FORBIDDEN', 'Only the technician assigned to this repair can attach files to it.');
    }
  }

  /**
   * Cleans the file, stores its bytes, then records it. The repair row is locked so two uploads
   * cannot both take the last place; if anything fails after the bytes were written they are
   * removed again, so a refused or failed upload leaves nothing behind.
   */
  async upload(viewer: Viewer, repairId: string, file: UploadedFile): Promise<AttachmentView> {
    await this.assertMayUpload(viewer, repairId);
    const prepared = await prepareAttachment(file.bytes, file.fileName);
    const id = randomUUID();
    const key = `${repairId}/${id}`;
    const thumbnailKey = prepared.thumbnail ? `${key}.thumb` : null;
    const written: string[] = [];
    try {
      return await this.db.transaction(async (m) => {
        await queryRows(m, `SELECT id FROM repair_requests WHERE id = $1 FOR UPDATE`, [repairId]);
        const [{ count }] = await queryRows<{ count: number }>(m, `SELECT count(*)::int AS count FROM attachments WHERE repair_request_id = $1`, [repairId]);
        if (count >= ATTACHMENT_LIMITS.maxPerRepair) {
          throw conflict('ATTACHMENT.LIMIT_REACHED', `A repair can have at most ${ATTACHMENT_LIMITS.maxPerRepair} attachments.`);
        }
        await this.storage.put(key, prepared.bytes, prepared.contentType);
        written.push(key);
        if (thumbnailKey) {
          await this.storage.put(thumbnailKey, prepared.thumbnail!, 'image/webp');
          written.push(thumbnailKey);
        }
        const [row] = await queryRows<AttachmentRow>(
          m,
          `INSERT INTO attachments (id, repair_request_id, uploaded_by, file_name, content_type, size, storage_key, thumbnail_key)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${ATTACHMENT_COLUMNS('attachments')}`,
          [id, repairId, viewer.id, prepared.fileName, prepared.contentType, prepared.bytes.length, key, thumbnailKey],
        );
        return toAttachmentView(row);
      });
    } catch (error) {
      await Promise.allSettled(written.map((k) => this.storage.delete(k)));
      throw error;
    }
  }

  async list(viewer: Viewer, repairId: string): Promise<AttachmentView[]> {
    const p = new SqlParams();
    const rows = await queryRows<AttachmentRow & { visible: boolean }>(
      this.db,
      `SELECT ${ATTACHMENT_COLUMNS('a')}
         FROM repair_requests r LEFT JOIN attachments a ON a.repair_request_id = r.id
        WHERE r.id = ${p.add(repairId)} AND ${repairVisibility(viewer, 'r', p)}
        ORDER BY a.created_at, a.id`,
      p.values,
    );
    if (rows.length === 0) throw repairNotFound();
    return rows.filter((row) => row.id !== null).map(toAttachmentView);
  }

  /** The bytes of an attachment (or its thumbnail) for someone who may see its repair; 404 for anyone else. */
  async content(viewer: Viewer, id: string, variant: 'original' | 'thumbnail'): Promise<AttachmentContent> {
    const p = new SqlParams();
    const [row] = await queryRows<AttachmentRow & { storage_key: string }>(
      this.db,
      `SELECT ${ATTACHMENT_COLUMNS('a')}, a.storage_key
         FROM attachments a JOIN repair_requests r ON r.id = a.repair_request_id
        WHERE a.id = ${p.add(id)} AND ${repairVisibility(viewer, 'r', p)}`,
      p.values,
    );
    if (!row) throw attachmentNotFound();
    const key = variant === 'thumbnail' ? row.thumbnail_key : row.storage_key;
    if (!key) throw notFound('ATTACHMENT.NO_THUMBNAIL', 'Thumbnail');
    const body = await this.storage.get(key);
    if (!body) throw attachmentNotFound();
    return { attachment: toAttachmentView(row), contentType: variant === 'thumbnail' ? 'image/webp' : row.content_type, body };
  }
}
