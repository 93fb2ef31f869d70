import decode from 'heic-decode';

export interface HeicJob {
  bytes: Uint8Array;
  maxPixels: number;
}

export interface DecodedHeic {
  width: number;
  height: number;
  /** RGBA, 4 bytes a pixel. */
  data: Uint8Array;
}

/**
 * Runs in a worker thread (see `heic-decoder.ts`): decodes the primary image of a HEIC file to RGBA
 * pixels with libheif compiled to WebAssembly. Refuses images larger than `maxPixels` before decoding.
 */
export default async function decodeHeic({ bytes, maxPixels }: HeicJob): Promise<DecodedHeic> {
  const images = await decode.all({ buffer: bytes });
  try {
    const [primary] = images;
    if (!primary) throw new Error('no image in the file');
    if (primary.width * primary.height > maxPixels) throw new Error('image too large');
    const { width, height, data } = await primary.decode();
    return { width, height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
  } finally {
    images.dispose();
  }
}
