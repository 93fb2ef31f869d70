import sharp from 'sharp';
import { displayName, prepareAttachment } from './attachment-content.js';

describe('displayName', () => {
  it('keeps the last path segment and gives it the extension of what is stored', () => {
    expect(displayName('C:\\Users\\ada\\IMG_0042.HEIC', 'image/jpeg')).toBe('IMG_0042.jpg');
    expect(displayName('../../etc/passwd', 'application/pdf')).toBe('passwd.pdf');
  });

  it('drops control and bidirectional characters, and names a nameless file', () => {
    expect(displayName('invoice\u202Egpj.exe', 'application/pdf')).toBe('invoicegpj.pdf');
    expect(displayName('\u0000\u200B', 'image/png')).toBe('attachment.png');
  });

  it('keeps long names within the limit', () => {
    expect(displayName(`${'a'.repeat(500)}.png`, 'image/png').length).toBeLessThanOrEqual(200);
  });
});

describe('prepareAttachment', () => {
  it('applies the EXIF orientation before dropping the metadata, so a portrait photo stays upright', async () => {
    const rotated = await sharp({ create: { width: 40, height: 20, channels: 3, background: 'blue' } }).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const prepared = await prepareAttachment(rotated, 'portrait.jpg');
    const meta = await sharp(prepared.bytes).metadata();
    expect({ width: meta.width, height: meta.height, orientation: meta.orientation, exif: meta.exif }).toEqual({ width: 20, height: 40, orientation: undefined, exif: undefined });
  });
});
