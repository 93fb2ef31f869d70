import sharp from 'sharp';
import { checkedFetch } from '../support/checked-fetch.js';
import type { TestApp } from '../support/test-app.js';
import type { TestUser } from './users.factory.js';

export interface RawResponse {
  status: number;
  headers: Headers;
  body: any;
  bytes: Buffer;
}

async function read(response: Response): Promise<RawResponse> {
  const bytes = Buffer.from(await response.arrayBuffer());
  const body = /json/.test(response.headers.get('content-type') ?? '') ? JSON.parse(bytes.toString('utf8')) : undefined;
  return { status: response.status, headers: response.headers, body, bytes };
}

/** Uploads `bytes` as the multipart field `file` (or `field`), as the apps do. */
export async function uploadAttachment(
  t: TestApp,
  user: TestUser,
  repairId: string,
  bytes: Buffer,
  fileName: string,
  options: { declaredType?: string; field?: string } = {},
): Promise<RawResponse> {
  const form = new FormData();
  form.append(options.field ?? 'file', new Blob([bytes], { type: options.declaredType ?? 'application/octet-stream' }), fileName);
  const url = `${t.baseUrl}/api/v1/repairs/${repairId}/attachments`;
  return read(await checkedFetch(url, { method: 'POST', body: form, headers: { authorization: `Bearer ${user.token}` } }));
}

export async function downloadAttachment(t: TestApp, user: TestUser, id: string, variant?: 'thumbnail'): Promise<RawResponse> {
  const query = variant ? `?variant=${variant}` : '';
  const url = `${t.baseUrl}/api/v1/attachments/${id}${query}`;
  return read(await checkedFetch(url, { headers: { authorization: `Bearer ${user.token}` } }));
}

/** A photo as a phone takes it: JPEG with EXIF, including where it was taken (GPS). */
export function photoWithGps(width = 800, height = 600): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 60, b: 40 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'PhoneMaker', Model: 'Phone 15', Copyright: 'Ada' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 2606/100', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 3966/100' },
    })
    .toBuffer();
}

export function pngImage(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 4, background: { r: 0, g: 128, b: 255, alpha: 1 } } }).png().toBuffer();
}

/** The smallest well-formed PDF that file-type recognises. */
export function pdfDocument(): Buffer {
  return Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
}

/** The first bytes of a Windows executable (MZ header, PE signature) padded to a plausible size. */
export function windowsExecutable(): Buffer {
  const bytes = Buffer.alloc(4096);
  bytes.write('MZ', 0, 'latin1');
  bytes.writeUInt32LE(0x80, 0x3c);
  bytes.write('PE\0\0', 0x80, 'latin1');
  return bytes;
}
