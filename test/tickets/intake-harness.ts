// Test harness for the complaint intake: the real conversation engine and tickets use cases on a real PGlite,
// a resident who reads the bot's buttons and presses them by label.
import { TELEGRAM_CAPABILITIES } from '../../src/channels/telegram/index.js';
import { WEB_CAPABILITIES } from '../../src/channels/web/index.js';
import { ZALO_CAPABILITIES } from '../../src/channels/zalo/index.js';
import {
  type ChannelCapabilities,
  type ChannelName,
  type ConversationEngine,
  type ConversationStore,
  createConversationEngine,
  type IncomingMessage,
  type OutgoingReply,
} from '../../src/conversation/index.js';
import { createPrismaConversationStore } from '../../src/db/stores/conversation-store.js';
import {
  createTicketActionHandler,
  createTicketDesk,
  createTicketDialogues,
  type OutboxMessage,
} from '../../src/tickets/index.js';
import { checkReplies, FakeAnswerer } from '../conversation/harness.js';
import { createTicketTestEnv, type TicketTestEnv } from './helpers.js';

export interface IntakeHarness extends TicketTestEnv {
  engine: ConversationEngine;
  answerer: FakeAnswerer;
  /** Throws the engine away and builds a new one on the same database (a process restart). */
  restart(options?: { store?: ConversationStore }): void;
  /** A resident on Telegram unless another channel is named. */
  resident(user: string, channel?: ChannelName): Resident;
  outboxFor(user: string): Promise<OutboxMessage[]>;
}

const CAPABILITIES: Partial<Record<ChannelName, ChannelCapabilities>> = {
  telegram: TELEGRAM_CAPABILITIES,
  zalo: ZALO_CAPABILITIES,
  web: WEB_CAPABILITIES,
};

let sequence = 0;

/** One resident in a chat (Telegram by default): remembers the last replies so buttons can be pressed by their label. */
export class Resident {
  last: OutgoingReply[] = [];
  constructor(
    private readonly harness: { engine: ConversationEngine },
    readonly user: string,
    readonly channel: ChannelName = 'telegram',
  ) {}

  async send(message: string | Partial<IncomingMessage>, messageId = `m${++sequence}`): Promise<OutgoingReply[]> {
    const base: IncomingMessage = {
      channel: this.channel,
      channelUserId: this.user,
      messageId,
      text: '',
      attachments: [],
      receivedAt: new Date(),
    };
    const incoming = typeof message === 'string' ? { ...base, text: message } : { ...base, ...message };
    const replies = checkReplies(await this.harness.engine.handle(incoming));
    if (replies.length > 0) this.last = replies;
    return replies;
  }

  /** The action of the button (in the last replies) whose label contains `label`. */
  button(label: string): string {
    const found = this.last.flatMap((r) => r.quickReplies).find((q) => q.label.includes(label));
    if (!found)
      throw new Error(
        `no button "${label}" in ${JSON.stringify(this.last.map((r) => r.quickReplies.map((q) => q.label)))}`,
      );
    return found.action;
  }

  labels(): string[] {
    return this.last.flatMap((r) => r.quickReplies.map((q) => q.label));
  }

  press(label: string, messageId?: string): Promise<OutgoingReply[]> {
    return this.send({ action: this.button(label), text: label }, messageId);
  }

  get text(): string {
    return this.last.map((r) => r.text).join('\n---\n');
  }
}

export async function createIntakeHarness(startIso = '2026-11-25T01:00:00.000Z'): Promise<IntakeHarness> {
  const env = await createTicketTestEnv(startIso);
  const answerer = new FakeAnswerer();
  const build = (store?: ConversationStore) =>
    createConversationEngine({
      store: store ?? createPrismaConversationStore(env.db.prisma),
      answerer,
      clock: env.clock,
      addressForm: 'Bạn',
      tickets: createTicketDesk(env.deps),
      actions: [createTicketActionHandler(env.deps)],
      dialogues: createTicketDialogues(env.deps),
      // as the service wires it: each channel's declared capabilities
      capabilitiesOf: (channel) => CAPABILITIES[channel],
    });
  const harness: IntakeHarness = {
    ...env,
    engine: build(),
    answerer,
    restart(options = {}) {
      harness.engine = build(options.store);
    },
    resident: (user, channel) => new Resident(harness, user, channel),
    async outboxFor(user) {
      const rows = await env.db.prisma.outboxMessage.findMany({
        where: { channelUserId: user },
        orderBy: { id: 'asc' },
      });
      return rows.map((r) => ({
        ...r,
        payload: r.payload as unknown as OutboxMessage['payload'],
        status: r.status as OutboxMessage['status'],
      }));
    },
  };
  return harness;
}
