import { DateTime } from 'luxon';
import type { AppointmentSlotsView, DropOffDayView, RepairDetail } from '@repairhub/contracts';
import { createDevice } from './factories/repairs.factory.js';
import { createStaff, STRONG_PASSWORD, uniqueEmail, type TestUser } from './factories/users.factory.js';
import { expectProblem } from './support/api-client.js';
import { clientAddress } from './support/client-address.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const ZONE = 'America/New_York';
const CAPACITY = 2;

describe('drop-off appointments', () => {
  let t: TestApp;
  let admin: TestUser;
  let technician: TestUser;

  beforeAll(async () => {
    // Open every day, so the tests find slots tomorrow whenever they run.
    t = await startTestApp({ SHOP_TIMEZONE: ZONE, SHOP_OPENING_HOURS: 'Mon-Sun 08:00-20:00', SHOP_SLOT_MINUTES: '30', SHOP_SLOT_CAPACITY: String(CAPACITY), SHOP_BOOKING_DAYS: '7' });
    admin = await createStaff(t, 'admin');
    technician = await createStaff(t, 'technician');
  });
  afterAll(() => t.close());

  const localDay = (plusDays: number) => DateTime.now().setZone(ZONE).startOf('day').plus({ days: plusDays });
  /** The instant of a local time `plusDays` from today in the shop's zone. */
  const at = (plusDays: number, time: string) => {
    const [hour, minute] = time.split(':').map(Number);
    return localDay(plusDays).set({ hour, minute }).toUTC().toISO()!;
  };
  const dateOf = (plusDays: number) => localDay(plusDays).toISODate()!;

  /** Each customer signs up from an address of their own, as real customers do. */
  async function customer(name = 'Dana Dropoff'): Promise<TestUser & { deviceId: string }> {
    const email = uniqueEmail('dropoff');
    const response = await t.api.post('/auth/register', { email, password: STRONG_PASSWORD, name }, { headers: { 'x-token-transport': 'body' }, from: clientAddress(email) });
    expect(response.status).toBe(201);
    const user: TestUser = { id: response.body.user.id, email, password: STRONG_PASSWORD, role: 'customer', token: response.body.accessToken };
    return { ...user, deviceId: (await createDevice(t, user)).id };
  }
  const submit = (who: TestUser & { deviceId: string }, extra: Record<string, unknown> = {}) =>
    t.api.post('/repairs', { deviceId: who.deviceId, issueDescription: 'Battery drains in an hour, even idle.', urgency: 'normal', ...extra }, { token: who.token });
  const slotsFor = async (who: TestUser, query = '') => {
    const response = await t.api.get(`/appointments/slots${query}`, { token: who.token });
    expect(response.status).toBe(200);
    return response.body as AppointmentSlotsView;
  };
  const slotAt = (view: AppointmentSlotsView, startsAt: string) => view.days.flatMap((d) => d.slots).find((s) => s.startsAt === new Date(startsAt).toISOString());
  const dropOffs = async (who: TestUser, date: string) => {
    const response = await t.api.get(`/appointments?date=${date}`, { token: who.token });
    expect(response.status).toBe(200);
    return response.body as DropOffDayView;
  };

  it('offers the slots to come in the shop’s time zone, within the booking window, to anyone signed in', async () => {
    const dana = await customer();
    const view = await slotsFor(dana);
    expect(view).toMatchObject({ timeZone: ZONE, slotMinutes: 30, bookingDays: 7 });
    const slots = view.days.flatMap((d) => d.slots);
    expect(slots.every((s) => new Date(s.startsAt) > new Date())).toBe(true);
    expect(view.days.map((d) => d.date).every((d) => d >= dateOf(0) && d <= dateOf(6))).toBe(true);
    expect(view.days.at(-1)!.date).toBe(dateOf(6));
    const tomorrow = view.days.find((d) => d.date === dateOf(1))!;
    expect(tomorrow.slots).toHaveLength(24);
    expect(tomorrow.slots[0]).toEqual({ startsAt: new Date(at(1, '08:00')).toISOString(), endsAt: new Date(at(1, '08:30')).toISOString(), date: dateOf(1), time: '08:00', free: true });
    expect(tomorrow.slots.at(-1)!.time).toBe('19:30');

    const two = await slotsFor(dana, `?from=${dateOf(2)}&days=2`);
    expect(two.days.map((d) => d.date)).toEqual([dateOf(2), dateOf(3)]);
    expect((await slotsFor(dana, `?from=${dateOf(10)}`)).days).toEqual([]);
    expect((await slotsFor(technician)).days.length).toBeGreaterThan(0);
    expectProblem(await t.api.get('/appointments/slots'), 401);
  });

  it('books a slot with the repair: the owner sees it on the repair, staff in the day’s drop-offs, the slot fills', async () => {
    const dana = await customer('Dana Booker');
    const created = await submit(dana, { dropOffAt: at(2, '09:00') });
    expect(created.status).toBe(201);
    const repair = created.body as RepairDetail;
    expect(repair.dropOff).toEqual({ startsAt: new Date(at(2, '09:00')).toISOString(), endsAt: new Date(at(2, '09:30')).toISOString(), timeZone: ZONE });
    expect((await t.api.get(`/repairs/${repair.id}`, { token: dana.token })).body.dropOff.startsAt).toBe(repair.dropOff!.startsAt);
    expect((await submit(dana)).body.dropOff).toBeNull();

    for (const staff of [admin, technician]) {
      const day = await dropOffs(staff, dateOf(2));
      expect(day).toMatchObject({ date: dateOf(2), timeZone: ZONE });
      expect(day.items).toContainEqual({
        repairId: repair.id,
        ticketNumber: repair.ticketNumber,
        startsAt: repair.dropOff!.startsAt,
        endsAt: repair.dropOff!.endsAt,
        time: '09:00',
        customerName: 'Dana Booker',
        deviceLabel: repair.deviceLabel,
        status: 'submitted',
      });
    }
    expect((await dropOffs(admin, dateOf(3))).items.map((i) => i.repairId)).not.toContain(repair.id);
    expect(slotAt(await slotsFor(dana), at(2, '09:00'))!.free).toBe(true); // one of two seats taken
  });

  it('lets only staff read the drop-offs, and technicians only those of repairs they may open', async () => {
    const dana = await customer();
    expectProblem(await t.api.get(`/appointments?date=${dateOf(1)}`, { token: dana.token }), 403);
    expectProblem(await t.api.get(`/appointments?date=${dateOf(1)}`), 401);
    const repair = (await submit(dana, { dropOffAt: at(3, '11:00') })).body as RepairDetail;
    const colleague = await createStaff(t, 'technician');
    await t.api.post(`/repairs/${repair.id}/assign`, {}, { token: colleague.token });
    expect((await dropOffs(colleague, dateOf(3))).items.map((i) => i.repairId)).toContain(repair.id);
    expect((await dropOffs(technician, dateOf(3))).items.map((i) => i.repairId)).not.toContain(repair.id);
    expect((await dropOffs(admin, dateOf(3))).items.map((i) => i.repairId)).toContain(repair.id);
  });

  it('refuses malformed or unbookable drop-offs with 400 and words, and then makes no repair', async () => {
    const dana = await customer();
    const cases: [unknown, string, RegExp][] = [
      ['tomorrow at ten', 'REQUEST.INVALID', /dropOffAt must be a date and time with its offset/],
      [at(1, '10:00').slice(0, 16), 'REQUEST.INVALID', /dropOffAt must be a date and time with its offset/],
      [`${dateOf(1)}T25:00:00Z`, 'REQUEST.INVALID', /dropOffAt must be a real date and time/],
      [1764590400000, 'REQUEST.INVALID', /dropOffAt/],
      [at(1, '10:15'), 'APPOINTMENT.NOT_A_SLOT', /start of a drop-off slot/],
      [at(1, '20:00'), 'APPOINTMENT.NOT_A_SLOT', /within the shop’s opening hours/],
      [at(1, '06:30'), 'APPOINTMENT.NOT_A_SLOT', /opening hours/],
      [at(-1, '10:00'), 'APPOINTMENT.IN_PAST', /already passed/],
      [at(7, '10:00'), 'APPOINTMENT.TOO_FAR_AHEAD', /at most 7 days ahead/],
    ];
    for (const [dropOffAt, code, words] of cases) {
      const response = await submit(dana, { dropOffAt });
      expectProblem(response, 400, code);
      expect(response.body.detail).toMatch(words);
    }
    expect(await t.sql(`SELECT count(*)::int AS n FROM repair_requests WHERE customer_id = $1`, [dana.id])).toEqual([{ n: 0 }]);

    const queries: [string, RegExp][] = [
      ['/appointments/slots?from=2026-02-30', /from must be a real calendar date/],
      ['/appointments/slots?from=tomorrow', /from must be a date written YYYY-MM-DD/],
      ['/appointments/slots?days=0', /days must not be less than 1/],
      ['/appointments/slots?days=32', /days must not be greater than 31/],
      ['/appointments/slots?days=1.5', /days must be a whole number/],
      ['/appointments/slots?seat=1', /property seat should not exist/],
    ];
    for (const [path, words] of queries) {
      const response = await t.api.get(path, { token: dana.token });
      expectProblem(response, 400, 'REQUEST.INVALID');
      expect(response.body.detail).toMatch(words);
    }
    expectProblem(await t.api.get('/appointments?date=12/02/2026', { token: admin.token }), 400, 'REQUEST.INVALID');
    expectProblem(await t.api.put(`/repairs/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}/drop-off`, { dropOffAt: at(1, '10:00'), note: 'x' }, { token: dana.token }), 400, 'REQUEST.INVALID');
  });

  it('books a slot at most capacity times when many customers try at once; the others get 409 and no repair', async () => {
    const people = await Promise.all(Array.from({ length: 6 }, (_, i) => customer(`Racer ${i}`)));
    const startsAt = at(1, '12:30');
    const responses = await Promise.all(people.map((p) => submit(p, { dropOffAt: startsAt })));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([...Array(CAPACITY).fill(201), ...Array(people.length - CAPACITY).fill(409)]);
    for (const refused of responses.filter((r) => r.status === 409)) expectProblem(refused, 409, 'APPOINTMENT.SLOT_TAKEN');
    const [{ n }] = await t.sql(`SELECT count(*)::int AS n FROM repair_requests WHERE customer_id = ANY($1)`, [people.map((p) => p.id)]);
    expect(n).toBe(CAPACITY);
    expect(slotAt(await slotsFor(people[0]), startsAt)!.free).toBe(false);
    expect((await dropOffs(admin, dateOf(1))).items.filter((i) => i.startsAt === new Date(startsAt).toISOString())).toHaveLength(CAPACITY);
  });

  it('lets the owner move or cancel the drop-off, frees the seat when the repair is cancelled, and keeps others out', async () => {
    const [dana, eve] = [await customer(), await customer()];
    const repair = (await submit(dana, { dropOffAt: at(4, '14:00') })).body as RepairDetail;
    const filler = (await submit(eve, { dropOffAt: at(4, '15:00') })).body as RepairDetail;
    await submit(await customer(), { dropOffAt: at(4, '15:00') }); // 15:00 is now full

    expectProblem(await t.api.put(`/repairs/${repair.id}/drop-off`, { dropOffAt: at(4, '15:00') }, { token: dana.token }), 409, 'APPOINTMENT.SLOT_TAKEN');
    expect((await t.api.get(`/repairs/${repair.id}`, { token: dana.token })).body.dropOff.startsAt).toBe(new Date(at(4, '14:00')).toISOString());
    expectProblem(await t.api.put(`/repairs/${repair.id}/drop-off`, { dropOffAt: at(4, '16:00') }, { token: eve.token }), 404, 'REPAIR.NOT_FOUND');
    expectProblem(await t.api.delete(`/repairs/${repair.id}/drop-off`, { token: eve.token }), 404, 'REPAIR.NOT_FOUND');
    expectProblem(await t.api.put(`/repairs/${repair.id}/drop-off`, { dropOffAt: at(4, '16:00') }, { token: admin.token }), 403);

    const moved = await t.api.put(`/repairs/${repair.id}/drop-off`, { dropOffAt: at(4, '16:00') }, { token: dana.token });
    expect(moved.status).toBe(200);
    expect(moved.body).toEqual({ startsAt: new Date(at(4, '16:00')).toISOString(), endsAt: new Date(at(4, '16:30')).toISOString(), timeZone: ZONE });
    const day = (await dropOffs(admin, dateOf(4))).items.filter((i) => i.repairId === repair.id);
    expect(day.map((i) => i.time)).toEqual(['16:00']);

    expect((await t.api.delete(`/repairs/${repair.id}/drop-off`, { token: dana.token })).status).toBe(204);
    expect((await t.api.get(`/repairs/${repair.id}`, { token: dana.token })).body.dropOff).toBeNull();
    expectProblem(await t.api.delete(`/repairs/${repair.id}/drop-off`, { token: dana.token }), 404, 'APPOINTMENT.NOT_FOUND');

    // Cancelling the repair gives its seat back: the full 15:00 slot has room again.
    expect(slotAt(await slotsFor(eve), at(4, '15:00'))!.free).toBe(false);
    expect((await t.api.post(`/repairs/${filler.id}/status`, { status: 'cancelled' }, { token: eve.token })).status).toBe(200);
    expect(slotAt(await slotsFor(eve), at(4, '15:00'))!.free).toBe(true);
    expectProblem(await t.api.put(`/repairs/${filler.id}/drop-off`, { dropOffAt: at(4, '17:00') }, { token: eve.token }), 409, 'APPOINTMENT.REPAIR_CLOSED');
  });

  it('reminds each customer of tomorrow’s drop-off once, however many runs overlap, and respects the opt-out', async () => {
    const [keen, quiet, later] = [await customer('Keen Kim'), await customer('Quiet Quinn'), await customer('Later Lee')];
    expect((await t.api.patch('/auth/me/preferences', { emailNonEssential: false }, { token: quiet.token })).status).toBe(200);
    const keenRepair = (await submit(keen, { dropOffAt: at(1, '17:00') })).body as RepairDetail;
    await submit(quiet, { dropOffAt: at(1, '17:30') });
    await submit(later, { dropOffAt: at(2, '17:00') });
    const [{ due }] = await t.sql(
      `SELECT count(*)::int AS due FROM appointments a JOIN repair_requests r ON r.id = a.repair_request_id
        WHERE a.cancelled_at IS NULL AND a.reminder_sent_at IS NULL AND a.starts_at >= $1 AND a.starts_at < $2 AND r.status NOT IN ('completed', 'cancelled')`,
      [at(1, '00:00'), at(2, '00:00')],
    );

    const remind = () => t.call<number>('appointments/appointment-reminders.js', 'AppointmentReminders', 'remindTomorrow');
    const runs = await Promise.all([remind(), remind(), remind()]);
    expect(runs.reduce((a, b) => a + b, 0)).toBe(due);
    expect(await remind()).toBe(0);
    await t.call('infra/jobs/jobs.service.js', 'Jobs', 'enqueue', 'appointments.remind', {});

    const reminders = (who: TestUser) =>
      t.sql<{ status: string; subject: string; text_body: string; essential: boolean }>(
        `SELECT status, subject, text_body, essential FROM email_outbox WHERE user_id = $1 AND template = 'appointment_reminder'`,
        [who.id],
      );
    const [mail, ...more] = await reminders(keen);
    expect(more).toEqual([]);
    expect(mail).toMatchObject({ status: 'stored', essential: false });
    expect(mail.subject).toBe(`Reminder: drop off your ${keenRepair.deviceLabel} tomorrow at 17:00 (${keenRepair.ticketNumber})`);
    expect(mail.text_body).toContain(`(shop time, ${ZONE})`);
    expect(await reminders(quiet)).toEqual([expect.objectContaining({ status: 'skipped' })]);
    expect(await reminders(later)).toEqual([]);
  });
});
