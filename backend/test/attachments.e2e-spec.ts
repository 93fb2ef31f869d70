import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { ATTACHMENT_LIMITS, type AttachmentView, type RepairDetail } from '@repairhub/contracts';
import { downloadAttachment, pdfDocument, photoWithGps, pngImage, uploadAttachment, windowsExecutable, type RawResponse } from './factories/attachments.factory.js';
import { openConversation } from './factories/chat.factory.js';
import { assignRepair, createRepair } from './factories/repairs.factory.js';
import { createStaff, registerCustomer, type TestUser } from './factories/users.factory.js';
import { checkedFetch } from './support/checked-fetch.js';
import { startTestApp, type TestApp } from './support/test-app.js';

function expectRefusal(response: RawResponse, status: number, code: string) {
  expect({ status: response.status, code: response.body?.code }).toEqual({ status, code });
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  expect(response.bytes.toString('utf8')).not.toMatch(/at .*\.(ts|js):\d+|node_modules/);
}

describe('attachments', () => {
  let t: TestApp;
  let ada: TestUser;
  let bob: TestUser;
  let tech: TestUser;
  let otherTech: TestUser;
  let admin: TestUser;
  let repair: RepairDetail;

  beforeAll(async () => {
    t = await startTestApp();
    [ada, bob, tech, otherTech, admin] = await Promise.all([
      registerCustomer(t, 'Ada Lovelace'),
      registerCustomer(t, 'Bob Marley'),
      createStaff(t, 'technician', 'Tess Tech'),
      createStaff(t, 'technician', 'Other Tech'),
      createStaff(t, 'admin', 'Alex Admin'),
    ]);
    repair = await createRepair(t, ada);
  });
  afterAll(() => t.close());

  const storedCount = async (repairId: string) => (await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM attachments WHERE repair_request_id = $1`, [repairId]))[0].n;

  it('stores a phone photo without its EXIF and GPS data, with a thumbnail, and serves it only to those who may see the repair', async () => {
    const photo = await photoWithGps();
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    expect(photo.includes('PhoneMaker')).toBe(true);

    const created = await uploadAttachment(t, ada, repair.id, photo, 'C:\\Users\\ada\\IMG_0042.JPG', { declaredType: 'image/jpeg' });
    expect(created.status).toBe(201);
    const view = created.body as AttachmentView;
    expect(view).toEqual({
      id: expect.any(String),
      repairRequestId: repair.id,
      fileName: 'IMG_0042.jpg',
      contentType: 'image/jpeg',
      size: expect.any(Number),
      hasThumbnail: true,
      uploadedBy: ada.id,
      createdAt: expect.any(String),
    });

    const served = await downloadAttachment(t, ada, view.id);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(served.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(served.headers.get('content-disposition')).toBe("inline; filename*=UTF-8''IMG_0042.jpg");
    expect(served.bytes.length).toBe(view.size);
    const meta = await sharp(served.bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(served.bytes.includes('PhoneMaker')).toBe(false);
    expect({ width: meta.width, height: meta.height }).toEqual({ width: 800, height: 600 });

    const thumbnail = await downloadAttachment(t, ada, view.id, 'thumbnail');
    expect(thumbnail.status).toBe(200);
    expect(thumbnail.headers.get('content-type')).toBe('image/webp');
    expect((await sharp(thumbnail.bytes).metadata()).width).toBeLessThanOrEqual(320);

    // Staff who may see the repair (any technician while it is unassigned and submitted; admins) read it too.
    expect((await downloadAttachment(t, tech, view.id)).status).toBe(200);
    expect((await downloadAttachment(t, admin, view.id)).status).toBe(200);
    // Another customer learns nothing, not even that it exists.
    expectRefusal(await downloadAttachment(t, bob, view.id), 404, 'ATTACHMENT.NOT_FOUND');
    expectRefusal(await downloadAttachment(t, bob, view.id, 'thumbnail'), 404, 'ATTACHMENT.NOT_FOUND');
    const bobsList = await t.api.get(`/repairs/${repair.id}/attachments`, { token: bob.token });
    expect({ status: bobsList.status, code: bobsList.body.code }).toEqual({ status: 404, code: 'REPAIR.NOT_FOUND' });

    const list = await t.api.get(`/repairs/${repair.id}/attachments`, { token: ada.token });
    expect(list.status).toBe(200);
    expect(list.body).toEqual([view]);
  });

  it('takes a PNG and a PDF; the PDF is served as a download without a thumbnail', async () => {
    const own = await createRepair(t, ada);
    const png = await uploadAttachment(t, ada, own.id, await pngImage(), 'screen.png');
    expect(png.status).toBe(201);
    expect(png.body).toMatchObject({ contentType: 'image/png', fileName: 'screen.png', hasThumbnail: true });

    const pdf = await uploadAttachment(t, ada, own.id, pdfDocument(), 'receipt.pdf', { declaredType: 'application/pdf' });
    expect(pdf.status).toBe(201);
    expect(pdf.body).toMatchObject({ contentType: 'application/pdf', fileName: 'receipt.pdf', hasThumbnail: false });
    const served = await downloadAttachment(t, ada, pdf.body.id);
    expect(served.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''receipt.pdf");
    expect(served.bytes.equals(pdfDocument())).toBe(true);
    expectRefusal(await downloadAttachment(t, ada, pdf.body.id, 'thumbnail'), 404, 'ATTACHMENT.NO_THUMBNAIL');
  });

  it('takes an iPhone HEIC photo and stores it as a JPEG without its EXIF and GPS data', async () => {
    // Made once with libheif's heif-enc (x265) from a 96×64 JPEG carrying the same EXIF as photoWithGps: HEVC inside.
    const heic = await readFile(new URL('./fixtures/iphone-photo-with-gps.heic', import.meta.url));
    expect(heic.includes('PhoneMaker')).toBe(true);
    const own = await createRepair(t, ada);
    const created = await uploadAttachment(t, ada, own.id, heic, 'IMG_1234.HEIC', { declaredType: 'image/heic' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ contentType: 'image/jpeg', fileName: 'IMG_1234.jpg', hasThumbnail: true });

    const served = await downloadAttachment(t, ada, created.body.id);
    const meta = await sharp(served.bytes).metadata();
    expect({ format: meta.format, width: meta.width, height: meta.height, exif: meta.exif }).toEqual({ format: 'jpeg', width: 96, height: 64, exif: undefined });
    expect(served.bytes.includes('PhoneMaker')).toBe(false);
    // The colour survives the trip through the decoder (the source is a flat red-brown).
    const { dominant } = await sharp(served.bytes).stats();
    expect(dominant.r).toBeGreaterThan(150);
    expect(dominant.b).toBeLessThan(100);
  });

  it('refuses a renamed executable, an empty file, an oversize file and a broken image, each with its own reason, and keeps nothing of them', async () => {
    const own = await createRepair(t, ada);
    expectRefusal(await uploadAttachment(t, ada, own.id, windowsExecutable(), 'cracked-screen.jpg', { declaredType: 'image/jpeg' }), 415, 'ATTACHMENT.TYPE_NOT_ALLOWED');
    expectRefusal(await uploadAttachment(t, ada, own.id, Buffer.from('just some text, not a photo'), 'notes.png'), 415, 'ATTACHMENT.TYPE_NOT_ALLOWED');
    expectRefusal(await uploadAttachment(t, ada, own.id, Buffer.alloc(0), 'empty.jpg'), 400, 'ATTACHMENT.EMPTY');

    const photo = await photoWithGps();
    const oversize = Buffer.concat([photo, Buffer.alloc(ATTACHMENT_LIMITS.maxFileBytes + 1 - photo.length)]);
    const tooLarge = await uploadAttachment(t, ada, own.id, oversize, 'huge.jpg');
    expectRefusal(tooLarge, 413, 'ATTACHMENT.TOO_LARGE');

    const truncated = (await photoWithGps()).subarray(0, 600);
    expectRefusal(await uploadAttachment(t, ada, own.id, truncated, 'broken.jpg'), 400, 'ATTACHMENT.UNREADABLE');
    const brokenHeic = (await readFile(new URL('./fixtures/iphone-photo-with-gps.heic', import.meta.url))).subarray(0, 500);
    expectRefusal(await uploadAttachment(t, ada, own.id, brokenHeic, 'broken.heic'), 400, 'ATTACHMENT.UNREADABLE');

    expectRefusal(await uploadAttachment(t, ada, own.id, await pngImage(), 'photo.png', { field: 'photo' }), 400, 'ATTACHMENT.FILE_MISSING');
    expect(await storedCount(own.id)).toBe(0);
  });

  it('lets the owner, the assigned technician and admins upload; nobody else', async () => {
    const own = await createRepair(t, ada);
    const png = await pngImage();
    // Visible to every technician while unassigned, but only the assigned one may add to it.
    expectRefusal(await uploadAttachment(t, tech, own.id, png, 'a.png'), 403, 'ATTACHMENT.UPLOAD_FORBIDDEN');
    await assignRepair(t, tech, own.id);
    const byTech = await uploadAttachment(t, tech, own.id, png, 'swollen-battery.png');
    expect(byTech.status).toBe(201);
    expect(byTech.body.uploadedBy).toBe(tech.id);
    expect((await uploadAttachment(t, admin, own.id, png, 'b.png')).status).toBe(201);
    expectRefusal(await uploadAttachment(t, otherTech, own.id, png, 'c.png'), 404, 'REPAIR.NOT_FOUND');
    expectRefusal(await uploadAttachment(t, bob, own.id, png, 'd.png'), 404, 'REPAIR.NOT_FOUND');
    expectRefusal(await downloadAttachment(t, otherTech, byTech.body.id), 404, 'ATTACHMENT.NOT_FOUND');
    expect((await downloadAttachment(t, ada, byTech.body.id)).status).toBe(200);
    expect(await storedCount(own.id)).toBe(2);
  });

  it(`stops at ${ATTACHMENT_LIMITS.maxPerRepair} attachments per repair`, async () => {
    const own = await createRepair(t, ada);
    const pdf = pdfDocument();
    for (let i = 0; i < ATTACHMENT_LIMITS.maxPerRepair; i++) expect((await uploadAttachment(t, ada, own.id, pdf, `page-${i}.pdf`)).status).toBe(201);
    expectRefusal(await uploadAttachment(t, ada, own.id, pdf, 'one-too-many.pdf'), 409, 'ATTACHMENT.LIMIT_REACHED');
    expect(await storedCount(own.id)).toBe(ATTACHMENT_LIMITS.maxPerRepair);
  });

  it('takes multipart bodies on the upload route only', async () => {
    const form = new FormData();
    form.append('deviceId', 'x');
    const response = await checkedFetch(`${t.baseUrl}/api/v1/repairs`, { method: 'POST', body: form, headers: { authorization: `Bearer ${ada.token}` } });
    expect(response.status).toBe(415);
    expect(((await response.json()) as { code: string }).code).toBe('REQUEST.UNSUPPORTED_MEDIA_TYPE');
  });

  it('sends photos in the chat: the message carries them, the offline technician is emailed their names, and only the sender’s own unsent files of this repair can go', async () => {
    const own = await createRepair(t, ada);
    await assignRepair(t, tech, own.id);
    const conversation = await openConversation(t, ada, own.id);
    const photo = (await uploadAttachment(t, ada, own.id, await photoWithGps(), 'cracked-back.jpg')).body as AttachmentView;

    const sent = await t.api.post(`/conversations/${conversation.id}/messages`, { content: '', attachmentIds: [photo.id] }, { token: ada.token });
    expect(sent.status).toBe(201);
    expect(sent.body.attachments).toEqual([photo]);
    const history = await t.api.get(`/conversations/${conversation.id}/messages`, { token: tech.token });
    expect(history.body.items[0]).toMatchObject({ id: sent.body.id, attachments: [photo] });

    const [email] = await t.sql<{ text_body: string }>(`SELECT text_body FROM email_outbox WHERE user_id = $1 AND template = 'customer_replied'`, [tech.id]);
    expect(email.text_body).toContain('Attached: cracked-back.jpg');

    // Sent once only; another repair's file, someone else's file and an empty message without files are refused.
    const again = await t.api.post(`/conversations/${conversation.id}/messages`, { content: 'again', attachmentIds: [photo.id] }, { token: ada.token });
    expect({ status: again.status, code: again.body.code }).toEqual({ status: 400, code: 'MESSAGE.ATTACHMENT_INVALID' });
    const elsewhere = (await uploadAttachment(t, ada, repair.id, await pngImage(), 'other.png')).body as AttachmentView;
    const wrongRepair = await t.api.post(`/conversations/${conversation.id}/messages`, { content: 'x', attachmentIds: [elsewhere.id] }, { token: ada.token });
    expect({ status: wrongRepair.status, code: wrongRepair.body.code }).toEqual({ status: 400, code: 'MESSAGE.ATTACHMENT_INVALID' });
    const techs = (await uploadAttachment(t, tech, own.id, await pngImage(), 'battery.png')).body as AttachmentView;
    const notMine = await t.api.post(`/conversations/${conversation.id}/messages`, { content: 'x', attachmentIds: [techs.id] }, { token: ada.token });
    expect({ status: notMine.status, code: notMine.body.code }).toEqual({ status: 400, code: 'MESSAGE.ATTACHMENT_INVALID' });
    const empty = await t.api.post(`/conversations/${conversation.id}/messages`, { content: ' ' }, { token: ada.token });
    expect(empty.status).toBe(400);
    // Nothing of the refused messages was kept.
    const after = await t.api.get(`/conversations/${conversation.id}/messages`, { token: ada.token });
    expect(after.body.items.filter((m: { type: string }) => m.type === 'text').map((m: { id: string }) => m.id)).toEqual([sent.body.id]);

    const byTech = await t.api.post(`/conversations/${conversation.id}/messages`, { content: 'This is the swollen battery.', attachmentIds: [techs.id] }, { token: tech.token });
    expect(byTech.status).toBe(201);
    expect(byTech.body.attachments.map((a: AttachmentView) => a.fileName)).toEqual(['battery.png']);
  });
});
