import type { Readable } from 'node:stream';

/** A stored object as a listing reports it. */
export interface StoredObject {
  key: string;
  lastModified: Date;
}

/**
 * Where attachment bytes live. Keys are ours (`<repairId>/<attachmentId>[.thumb]`), never a user's
 * file name. Nothing is served from the storage directly: the API streams the bytes after its own
 * access check, so a bucket stays private.
 */
export abstract class AttachmentStorage {
  abstract put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** The bytes, or null when the key holds nothing. */
  abstract get(key: string): Promise<Readable | null>;
  /** Removing a missing key is not an error. */
  abstract delete(key: string): Promise<void>;
  /** Every stored object, at most `pageSize` a page, so a large store is never held in memory at once. */
  abstract list(pageSize?: number): AsyncIterable<StoredObject[]>;
}
