// heic-decode 2.x ships no types, and @types/heic-decode describes 1.x (no `width`/`height` before
// decoding, no `dispose`): the part of the API we use, as the package's README documents it.
declare module 'heic-decode' {
  interface DecodedImage {
    width: number;
    height: number;
    data: Uint8ClampedArray;
  }
  interface HeicImage {
    width: number;
    height: number;
    decode(): Promise<DecodedImage>;
  }
  interface HeicImages extends Array<HeicImage> {
    dispose(): void;
  }
  interface Decode {
    (input: { buffer: ArrayBufferLike | Uint8Array }): Promise<DecodedImage>;
    all(input: { buffer: ArrayBufferLike | Uint8Array }): Promise<HeicImages>;
  }
  const decode: Decode;
  export default decode;
}
