import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { AttachmentStorage } from './attachment-storage.js';

/** Files under one directory; a key's `/` becomes a sub-directory. */
export class LocalAttachmentStorage extends AttachmentStorage {
  private constructor(private readonly dir: string) {
    super();
  }

  /** `dir` null: a fresh temporary directory (the tests' throw-away database). */
  static async open(dir: string | null): Promise<LocalAttachmentStorage> {
    const root = dir ?? (await mkdtemp(join(tmpdir(), 'repairhub-attachments-')));
    await mkdir(root, { recursive: true });
    return new LocalAttachmentStorage(root);
  }

  private path(key: string): string {
    if (!/^[\w-]+(\/[\w.-]+)*$/.test(key) || key.includes('..')) throw new Error(`Invalid attachment key ${key}`);
    return join(this.dir, key);
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const path = this.path(key);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, bytes, { flag: 'wx' });
  }

  async get(key: string): Promise<Readable | null> {
    const file = await open(this.path(key), 'r').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    return file ? createReadStream('', { fd: file }) : null;
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }
}
