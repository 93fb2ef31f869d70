import type { FastifyRequest } from 'fastify';
import { ATTACHMENT_LIMITS } from '@repairhub/contracts';
import { DomainError, invalid } from '../common/errors/domain-error.js';
import type { UploadedFile } from './attachments.service.js';

export const FILE_FIELD = 'file';

const tooLarge = () =>
  new DomainError('too_large', 'ATTACHMENT.TOO_LARGE', `The file is larger than ${ATTACHMENT_LIMITS.maxFileBytes / 1024 / 1024} MiB.`, [
    { field: FILE_FIELD, message: 'is too large' },
  ]);

/** Reads the one file of a multipart upload into memory, refusing it as soon as it passes the size limit. */
export async function readSingleFile(request: FastifyRequest): Promise<UploadedFile> {
  if (!request.isMultipart()) throw invalid('ATTACHMENT.FILE_MISSING', `Send the file as multipart/form-data in the field "${FILE_FIELD}".`, FILE_FIELD);
  const part = await request.file({ limits: { fileSize: ATTACHMENT_LIMITS.maxFileBytes, files: 1, fields: 0, parts: 1 } }).catch(mapMultipartError);
  if (!part || part.fieldname !== FILE_FIELD) throw invalid('ATTACHMENT.FILE_MISSING', `Send the file in the field "${FILE_FIELD}".`, FILE_FIELD);
  const bytes = await part.toBuffer().catch(mapMultipartError);
  return { fileName: part.filename ?? '', bytes };
}

function mapMultipartError(error: { code?: string }): never {
  if (error.code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
  if (error.code?.startsWith('FST_')) throw invalid('ATTACHMENT.BAD_MULTIPART', 'The upload is not a single file in a well-formed multipart body.', FILE_FIELD);
  throw error;
}
