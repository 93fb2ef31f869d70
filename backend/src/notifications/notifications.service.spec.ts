import type { DataSource, EntityManager } from 'typeorm';
import type { ChatBroadcaster } from '../chat/chat-broadcaster.js';
import type { AppConfig } from '../config/configuration.js';
import type { DomainEventMap, DomainEventName } from '../common/events/domain-event-map.js';
import type { DomainEvents } from '../common/events/domain-events.js';
import type { EmailSender } from './email-sender.js';
import { EmailOutbox } from './email-outbox.js';
import type { UsersRepository } from '../users/users.repository.js';
import { NotificationsRepository } from './notifications.repository.js';
import { NotificationsService } from './notifications.service.js';

type Listener = (m: EntityManager, payload: unknown) => Promise<void>;

/** The service wired to fakes; `emit` runs its durable listener with a manager that records the outbox insert. */
function setUp(chat: Pick<ChatBroadcaster, 'isConnected'>) {
  const listeners = new Map<DomainEventName, Listener>();
  const events = { inTransaction: (name: DomainEventName, listener: Listener) => listeners.set(name, listener) } as unknown as DomainEvents;
  const config = { http: { publicUrl: 'https://repairs.example.test' }, shop: { name: 'Fix-It Corner', address: '3 Mill Lane', openingHours: [] } } as unknown as AppConfig;
  const emails = new NotificationsRepository({} as DataSource);
  const users = { nameOf: async () => 'Ada' } as unknown as UsersRepository;
  const service = new NotificationsService(config, events, new EmailOutbox({ enabled: true } as EmailSender, emails), chat as ChatBroadcaster, users, emails);
  service.onModuleInit();
  const inserted: unknown[][] = [];
  const manager = {
    query: async (sql: string, params: unknown[]) => {
      if (sql.startsWith('INSERT INTO email_outbox')) inserted.push(params);
      if (sql.includes('FROM users u')) return [{ email: 'tess@example.test', name: 'Tess', active: true, emailNonEssential: true, brand: 'Apple', model: 'iPad' }];
      return [];
    },
  } as unknown as EntityManager;
  const emit = <K extends DomainEventName>(name: K, payload: DomainEventMap[K]) => listeners.get(name)!(manager, payload);
  return { emit, inserted };
}

const customerWrote: DomainEventMap['chat.message_sent'] = {
  messageId: 'm1',
  conversationId: 'c1',
  repairId: 'r1',
  senderId: 'customer-1',
  customerId: 'customer-1',
  assignedTechnicianId: 'tech-1',
  content: 'Is Friday OK?',
  attachmentNames: [],
};

describe('NotificationsService: the "customer replied" email, inside the message’s transaction', () => {
  it('records the email for an offline technician', async () => {
    const { emit, inserted } = setUp({ isConnected: async () => false });
    await emit('chat.message_sent', customerWrote);
    expect(inserted).toHaveLength(1);
    expect(inserted[0]).toEqual(expect.arrayContaining(['customer_replied', 'tech-1', 'tess@example.test', 'pending']));
  });

  it('records nothing while the technician is connected', async () => {
    const { emit, inserted } = setUp({ isConnected: async () => true });
    await emit('chat.message_sent', customerWrote);
    expect(inserted).toEqual([]);
  });

  it('counts the technician as offline when the presence check fails, and never fails the message', async () => {
    const { emit, inserted } = setUp({ isConnected: () => Promise.reject(new Error('timeout reached: only 1 responses received out of 2')) });
    await expect(emit('chat.message_sent', customerWrote)).resolves.toBeUndefined();
    expect(inserted).toHaveLength(1);
  });
});
