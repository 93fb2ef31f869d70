import { fileTypeFromBuffer } from 'file-type';
import sharp, { type Sharp } from 'sharp';
import { ATTACHMENT_LIMITS, type AttachmentContentType } from '@repairhub/contracts';
import { DomainError, invalid } from '../common/errors/domain-error.js';
import { decodeHeic } from './heic-decoder.js';

/** What is stored for one upload: the cleaned bytes, their type, a display name and, for images, a thumbnail. */
export interface PreparedAttachment {
  fileName: string;
  contentType: AttachmentContentType;
  bytes: Buffer;
  thumbnail: Buffer | null;
}

const EXTENSION: Record<AttachmentContentType, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'application/pdf': 'pdf',
};
const SNIFFED: Record<string, AttachmentContentType> = {
  'image/jpeg': 'image/jpeg',
  'image/png': 'image/png',
  'image/webp': 'image/webp',
  'image/heic': 'image/heic',
  'image/heif': 'image/heic',
  'application/pdf': 'application/pdf',
};
const THUMBNAIL_PX = 320;
/** A decompression bomb is refused before it is decoded (about a 48-megapixel photo). */
const MAX_INPUT_PIXELS = 50_000_000;

export const typeNotAllowed = () =>
  new DomainError('unsupported_media_type', 'ATTACHMENT.TYPE_NOT_ALLOWED', 'Only photos (JPEG, PNG, WebP, HEIC) and PDF documents can be attached.');

/**
 * Checks and cleans one upload. The type comes from the bytes, never from the name or the declared
 * type. Images are decoded and encoded again, which drops every metadata block (EXIF with GPS, XMP,
 * comments) and anything hidden after the image data; the orientation is applied first so the photo
 * still stands the right way up. HEIC photos are stored as JPEG, which every browser shows.
 */
export async function prepareAttachment(bytes: Buffer, originalName: string): Promise<PreparedAttachment> {
  if (bytes.length === 0) throw invalid('ATTACHMENT.EMPTY', 'The file is empty.', 'file');
  const sniffed = await fileTypeFromBuffer(bytes);
  const type = sniffed ? SNIFFED[sniffed.mime] : undefined;
  if (!type) throw typeNotAllowed();
  if (type === 'application/pdf') return { fileName: displayName(originalName, type), contentType: type, bytes, thumbnail: null };

  const stored = type === 'image/heic' ? 'image/jpeg' : type;
  let cleaned: Buffer;
  try {
    const image = type === 'image/heic' ? await heicImage(bytes) : sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' }).rotate();
    cleaned = await (stored === 'image/png' ? image.png() : stored === 'image/webp' ? image.webp({ quality: 90 }) : image.jpeg({ quality: 90, mozjpeg: true })).toBuffer();
  } catch {
    throw invalid('ATTACHMENT.UNREADABLE', 'The image could not be read. Export it as JPEG or PNG and try again.', 'file');
  }
  const thumbnail = await sharp(cleaned).resize(THUMBNAIL_PX, THUMBNAIL_PX, { fit: 'inside', withoutEnlargement: true }).webp({ quality: 75 }).toBuffer();
  return { fileName: displayName(originalName, stored), contentType: stored, bytes: cleaned, thumbnail };
}

/** A HEIC photo as pixels only (libheif applies its rotation while decoding): no metadata comes along. */
async function heicImage(bytes: Buffer): Promise<Sharp> {
  const { width, height, data } = await decodeHeic(bytes, MAX_INPUT_PIXELS);
  return sharp(data, { raw: { width, height, channels: 4 } }).removeAlpha();
}

/** The name people see: the last path segment, no control or bidirectional characters, the extension of what is stored. */
export function displayName(originalName: string, type: AttachmentContentType): string {
  const base = originalName.split(/[\\/]/).pop() ?? '';
  const clean = base
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .trim();
  const stem = clean.replace(/\.[^.]*$/, '').slice(0, ATTACHMENT_LIMITS.maxFileNameLength - 6) || 'attachment';
  return `${stem}.${EXTENSION[type]}`;
}
