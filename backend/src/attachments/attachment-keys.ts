const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const ATTACHMENT_KEY = new RegExp(`^${UUID}/${UUID}(\\.thumb)?$`);

/** Where an upload's bytes and thumbnail are stored: `<repairId>/<attachmentId>[.thumb]`. */
export function attachmentKeys(repairId: string, attachmentId: string): { key: string; thumbnailKey: string } {
  const key = `${repairId}/${attachmentId}`;
  return { key, thumbnailKey: `${key}.thumb` };
}

/** Whether `key` has the shape of a key `attachmentKeys` makes; the sweep leaves any other object in the store alone. */
export const isAttachmentKey = (key: string): boolean => ATTACHMENT_KEY.test(key);
