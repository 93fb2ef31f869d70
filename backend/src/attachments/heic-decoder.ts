import { Piscina } from 'piscina';
import type { DecodedHeic, HeicJob } from './heic-decode.worker.js';

/**
 * The prebuilt libvips in `sharp` reads AVIF but not HEVC, the codec of iPhone photos, so HEIC is
 * decoded by libheif in WebAssembly. That is seconds of CPU for a large photo: it runs in one worker
 * thread, never on the thread that serves requests and the chat. Started on the first HEIC upload.
 */
let pool: Piscina<HeicJob, DecodedHeic> | null = null;

export function decodeHeic(bytes: Buffer, maxPixels: number): Promise<DecodedHeic> {
  pool ??= new Piscina({ filename: new URL('./heic-decode.worker.js', import.meta.url).href, maxThreads: 1, idleTimeout: 30_000 });
  return pool.run({ bytes, maxPixels });
}

export async function closeHeicDecoder(): Promise<void> {
  const running = pool;
  pool = null;
  await running?.destroy();
}
