import { randomUUID } from 'node:crypto';
import { attachmentKeys, isAttachmentKey } from './attachment-keys.js';

describe('attachment keys', () => {
  it('recognises the original and thumbnail keys an upload writes', () => {
    const { key, thumbnailKey } = attachmentKeys(randomUUID(), randomUUID());
    expect([isAttachmentKey(key), isAttachmentKey(thumbnailKey)]).toEqual([true, true]);
  });

  it('does not claim objects of another shape, which the sweep must leave alone', () => {
    const id = randomUUID();
    for (const key of [`backups/${id}`, `${id}/${id}.thumb.old`, `${id}/${id}/${id}`, `${id}`, `${id.toUpperCase()}/${id}`, `../${id}/${id}`]) {
      expect({ key, ours: isAttachmentKey(key) }).toEqual({ key, ours: false });
    }
  });
});
