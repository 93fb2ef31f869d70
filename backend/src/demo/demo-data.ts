import { randomBytes } from 'node:crypto';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CreateQuoteRequest, RefundRequest, Role } from '@repairhub/contracts';
import { DomainError } from '../common/errors/domain-error.js';
import { AppConfig } from '../config/configuration.js';
import { ChatService } from '../chat/chat.service.js';
import { DevicesService } from '../devices/devices.service.js';
import type { CreateDeviceDto } from '../devices/dto/device.dto.js';
import { PaymentsService } from '../payments/payments.service.js';
import type { CreateQuoteDto } from '../quotes/dto/quote.dto.js';
import type { RefundDto } from '../payments/dto/payment.dto.js';
import { QuoteJobs } from '../quotes/quote-jobs.js';
import { QuotesService } from '../quotes/quotes.service.js';
import type { Viewer } from '../repairs/repair-visibility.js';
import { RepairCancellationWorkflow } from '../repairs/repair-cancellation.workflow.js';
import { RepairsService } from '../repairs/repairs.service.js';
import { UsersService } from '../users/users.service.js';
import { AppointmentsRepository } from '../appointments/appointments.repository.js';
import { addDays, localDateOf, slotsOfDay } from '../appointments/slot-calendar.js';
import { backdateRepair, expireOpenQuoteNow } from './demo-clock.js';
import { CheckInService } from '../counter/check-in.service.js';
import type { CheckInDto } from '../counter/dto/check-in.dto.js';
import { DEMO_EXTRA_PEOPLE, DEMO_REPAIRS, DEMO_USERS, DEMO_WALK_IN, type DemoRepair, type DemoStep } from './demo-shop.js';

const DAY_MS = 86_400_000;

/** What the steps of one repair made so far, for the steps that act on it. */
interface Played {
  openQuoteId?: string;
  paymentId?: string;
}

interface Cast {
  customers: Viewer[];
  technicians: Viewer[];
  admin: Viewer;
}

/**
 * `DEMO_DATA=true` on an empty database: the demo logins and a shop in full swing (DEMO_REPAIRS),
 * made through the services so every invariant, event, email and chat message is the real one, then
 * moved back in time (demo-clock.ts). Runs after every module is ready, once: a database with any
 * user in it is left alone.
 */
@Injectable()
export class DemoData implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoData');

  constructor(
    private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly users: UsersService,
    private readonly devices: DevicesService,
    private readonly repairs: RepairsService,
    private readonly cancellation: RepairCancellationWorkflow,
    private readonly quotes: QuotesService,
    private readonly quoteJobs: QuoteJobs,
    private readonly payments: PaymentsService,
    private readonly chat: ChatService,
    private readonly appointments: AppointmentsRepository,
    private readonly counter: CheckInService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.bootstrap.demoData || !(await this.users.isEmpty())) return;
    const cast = await this.createPeople();
    if (!cast) return;
    const now = new Date();
    for (const [index, repair] of DEMO_REPAIRS.entries()) await this.play(repair, index, cast, now);
    await this.checkInWalkIn(cast.technicians[0], now);
    const lines = DEMO_USERS.map((u) => `  ${u.role.padEnd(10)} ${u.email} / ${u.password}`).join('\n');
    // Printed once, on the start that seeded them, so a new user can sign in straight away.
    process.stdout.write(`\nDemo accounts (DEMO_DATA=true):\n${lines}\n\n`);
    this.logger.log(`Seeded a demo shop: ${DEMO_REPAIRS.length + 1} repairs`);
  }

  /** `null` when another instance started seeding first (its first account exists). */
  private async createPeople(): Promise<Cast | null> {
    const people: { email: string; name: string; role: Role; password: string }[] = [
      ...DEMO_USERS,
      ...DEMO_EXTRA_PEOPLE.map((p) => ({ ...p, password: randomBytes(24).toString('base64url') })),
    ];
    const created: Viewer[] = [];
    for (const person of people) {
      try {
        const user = await this.users.create(person);
        created.push({ id: user.id, role: user.role });
      } catch (error) {
        if (created.length === 0 && error instanceof DomainError && error.code === 'USER.EMAIL_TAKEN') return null;
        throw error;
      }
    }
    const of = (role: Role) => created.filter((u) => u.role === role);
    return { customers: of('customer'), technicians: of('technician'), admin: of('admin')[0] };
  }

  private async play(script: DemoRepair, index: number, cast: Cast, now: Date): Promise<void> {
    const customer = cast.customers[script.customer];
    const technician = cast.technicians[script.technician];
    const device = await this.devices.create(customer, script.device as CreateDeviceDto);
    const repair = await this.repairs.create(customer, { deviceId: device.id, issueDescription: script.issue, urgency: script.urgency });
    const played: Played = {};
    for (const step of script.steps) await this.step(step, played, repair.id, customer, technician, cast.admin);
    // Filed in the morning of its day, a little later for each repair of the same day.
    const start = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS - script.daysAgo * DAY_MS + (8 * 60 + index * 23) * 60_000);
    const filed = start.getTime() < now.getTime() ? start : new Date(now.getTime() - 60 * 60_000);
    await this.db.transaction((m) => backdateRepair(m, repair.id, filed, now));
    if (script.dropOff) await this.bookDropOff(repair.id, script.dropOff, now);
  }

  /** At 9:00 today (or an hour ago, early in the day), through the counter as staff do it. */
  private async checkInWalkIn(technician: Viewer, now: Date): Promise<void> {
    const repair = await this.counter.checkIn(technician, { ...DEMO_WALK_IN, accessories: [...DEMO_WALK_IN.accessories] } as CheckInDto);
    const nine = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS + 9 * 60 * 60_000);
    await this.db.transaction((m) => backdateRepair(m, repair.id, nine < now ? nine : new Date(now.getTime() - 60 * 60_000), now));
  }

  /** Booked past the booking rules: a drop-off earlier today is a slot they no longer offer. */
  private async bookDropOff(repairId: string, dropOff: NonNullable<DemoRepair['dropOff']>, now: Date): Promise<void> {
    const rules = { ...this.config.appointments, openingHours: this.config.shop.openingHours };
    const slots = slotsOfDay(addDays(localDateOf(now, rules.timeZone), dropOff.day), rules);
    const slot = slots[Math.min(dropOff.slot, slots.length - 1)];
    if (!slot) return; // the shop is closed that day
    const createdAt = new Date(Math.min(now.getTime(), slot.startsAt.getTime()) - 86_400_000);
    await this.appointments.bookNextSeatRegardless({ repairRequestId: repairId, startsAt: slot.startsAt, endsAt: slot.endsAt }, createdAt);
  }

  private async step(step: DemoStep, played: Played, repairId: string, customer: Viewer, technician: Viewer, admin: Viewer): Promise<void> {
    switch (step.do) {
      case 'claim':
        await this.repairs.assign(technician, repairId, undefined);
        return;
      case 'quote': {
        const input: CreateQuoteRequest = { repairRequestId: repairId, partsCost: step.parts, laborCost: step.labor, currency: 'usd', notes: step.notes };
        played.openQuoteId = (await this.quotes.issue(technician, input as CreateQuoteDto)).id;
        return;
      }
      case 'reject':
        await this.quotes.reject(customer, played.openQuoteId!, step.reason);
        return;
      case 'expire':
        await expireOpenQuoteNow(this.db, repairId);
        await this.quoteJobs.expireDue();
        return;
      case 'pay': {
        const { payment } = await this.payments.accept(customer, played.openQuoteId!);
        played.paymentId = (await this.payments.testConfirm(customer, payment.id)).id;
        return;
      }
      case 'refund': {
        const input: RefundRequest = { reason: step.reason, ...(step.amount ? { amount: step.amount } : {}) };
        await this.payments.refund(admin, played.paymentId!, input as RefundDto);
        return;
      }
      case 'start':
        await this.repairs.changeStatus(technician, repairId, 'in_progress', step.note ?? null);
        return;
      case 'complete':
        await this.repairs.changeStatus(technician, repairId, 'completed', step.note ?? null);
        return;
      case 'cancel':
        await this.cancellation.cancel(step.by === 'customer' ? customer : technician, repairId, step.note);
        return;
      case 'say': {
        const speaker = step.who === 'customer' ? customer : technician;
        const { conversation } = await this.chat.open(speaker, repairId);
        await this.chat.send(speaker, conversation.id, { content: step.text });
        return;
      }
    }
  }
}
