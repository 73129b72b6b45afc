// Composition root: config → database → knowledge → conversation → channels → http.
// main.ts runs it as a process; tests start it in-process on port 0.
import path from 'node:path';
import { type AccountDeps, ensureFirstAdmin } from './accounts/index.js';
import { startTelegram } from './channels/telegram/index.js';
import { createWebChat } from './channels/web/index.js';
import { startZalo, type ZaloRuntime } from './channels/zalo/index.js';
import { createServiceCliRunner } from './cli/service-runner.js';
import type { Config } from './config/index.js';
import { KNOWLEDGE_UPLOAD_MAX_BYTES, KNOWLEDGE_UPLOAD_PATH, mountConsole } from './console/index.js';
import { type ChannelCapabilities, type ChannelName, createConversationEngine } from './conversation/index.js';
import { type Database, openDatabase } from './db/index.js';
import { PrismaAccountStore } from './db/stores/account-store.js';
import { PrismaAuditLogReader } from './db/stores/audit-store.js';
import { createPrismaConversationStore } from './db/stores/conversation-store.js';
import { createFileAttachmentStore } from './db/stores/file-attachment-store.js';
import { createPrismaKnowledgeStore } from './db/stores/knowledge-store.js';
import { PrismaOutboxStore } from './db/stores/outbox-store.js';
import { createPrismaTelegramUpdateStore } from './db/stores/telegram-update-store.js';
import { PrismaRateLimiter, PrismaTicketStore } from './db/stores/ticket-store.js';
import { createPrismaUnansweredQuestionStore } from './db/stores/unanswered-question-store.js';
import { createPrismaWebChatDataHolder, createPrismaWebChatStore } from './db/stores/web-chat-store.js';
import {
  createPrismaZaloEventStore,
  createPrismaZaloResidentStore,
  createPrismaZaloTokenStore,
} from './db/stores/zalo-store.js';
import { clientKeyOf, createHttpApp, listen, type RouteMounter, type RunningServer } from './http/index.js';
import { mountAdminCli } from './http/routes/admin-cli.js';
import { mountAsk } from './http/routes/ask.js';
import { mountOpen311 } from './http/routes/open311.js';
import { mountTransparency } from './http/routes/transparency.js';
import {
  createAnswerer,
  type KnowledgeStore,
  openInProcessAnswering,
  type QuestionAnswerer,
  startKnowledgeWorker,
} from './knowledge/index.js';
import { ensureKnowledgeIndexed } from './knowledge/ingest/index.js';
import { parseTrustedProxies } from './shared/client-address.js';
import { toAppError } from './shared/errors.js';
import type { Logger } from './shared/logger.js';
import {
  createTicketActionHandler,
  createTicketDesk,
  createTicketDialogues,
  type DeliveryChannel,
  loadTicketSettings,
  OutboxWorker,
  syncTicketSettings,
  systemClock,
  type TicketDeps,
} from './tickets/index.js';

/** New web chat sessions stored per client address and window. */
const WEB_SESSIONS_PER_WINDOW = 60;
const WEB_SESSION_WINDOW_MS = 3_600_000;
/** Photos and files one web chat session may attach per hour (an intake takes a few). */
const WEB_UPLOADS_PER_WINDOW = 20;

export interface Service {
  config: Config;
  db: Database;
  http: RunningServer;
  /** Base URL the service listens on, e.g. http://127.0.0.1:3000 */
  url: string;
  stop(): Promise<void>;
}

export interface StartServiceOptions {
  config: Config;
  logger: Logger;
}

export async function startService({ config, logger }: StartServiceOptions): Promise<Service> {
  const startedAt = Date.now();
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    role: 'service',
    auditKey: config.audit.key,
    auditKeyFile: config.audit.keyFile,
    onMigrated: (r) => {
      if (r.applied.length > 0) logger.info({ applied: r.applied }, 'migrations applied');
    },
    onPermissionsRepaired: (r) =>
      logger.warn(
        { dataDir: config.dataDir, repaired: r.repaired, failed: r.failed.length },
        'data folder was readable by other accounts: modes repaired (folders 700, files 600)',
      ),
  });
  const stoppers: Array<() => Promise<void>> = [];
  const mounts: RouteMounter[] = [];
  if (db.auditKeySource === 'none')
    logger.warn(
      'audit trail unsealed: set AUDIT_KEY (the same for every instance) so edits cannot be re-hashed unnoticed',
    );
  else if (db.auditKeySource === 'generated')
    logger.warn(
      { file: 'DATA_DIR/audit.key' },
      'audit key created: keep a copy outside this machine, without it the trail cannot be verified',
    );

  // ── knowledge ──
  const knowledgeStore = createPrismaKnowledgeStore({ prisma: db.prisma });
  if (config.indexOnStart) {
    // instances started together on one empty PostgreSQL database: the first indexes, the others then find it full
    const indexed = await db.withStartupLock(() =>
      ensureKnowledgeIndexed({ store: knowledgeStore, knowledgeDir: config.knowledgeDir }),
    );
    if (indexed.indexed) {
      logger.info({ added: indexed.added, failed: indexed.failed.length }, 'knowledge base indexed on first start');
      for (const failure of indexed.failed)
        logger.warn({ path: failure.path, reason: failure.reason }, 'knowledge file skipped');
    }
  }
  // search index (restored from the DATA_DIR snapshot when it matches the knowledge revision) and answers;
  // `answerer` is what the conversation and /api/ask ask
  const answering = await openAnswering({ config, db, store: knowledgeStore, logger });
  const { answerer } = answering;
  stoppers.push(() => answering.close());
  mounts.push((app) => mountAsk(app, { answerer }));
  // `tiepdan kb add/remove/reindex` change the revision: pick the change up without a restart
  const refreshKnowledge = async () => {
    await answering
      .refresh()
      .catch((error) => logger.warn({ error: toAppError(error).code }, 'knowledge refresh failed'));
  };
  // While a forwarded command runs (an import of thousands of records, written a hundred files at a time), the
  // timer does not rebuild the index from half a knowledge base: each such rebuild held a second index next to
  // the first while the import's own memory was at its highest. The command rebuilds once when it ends.
  let forwardedCommands = 0;
  const knowledgeRefresh = setInterval(() => {
    if (forwardedCommands === 0) void refreshKnowledge();
  }, 30_000);
  knowledgeRefresh.unref();
  stoppers.push(async () => clearInterval(knowledgeRefresh));

  // ── conversation ──
  const conversationStore = createPrismaConversationStore(db.prisma, { pglite: db.pglite });
  // dedupe records only guard against redelivered messages: keep them 30 days, prune daily
  const pruneProcessed = () =>
    conversationStore
      .pruneProcessedMessages(new Date(Date.now() - 30 * 86_400_000))
      .catch((error) => logger.warn({ error: toAppError(error).code }, 'pruning processed messages failed'));
  void pruneProcessed();
  const processedPruning = setInterval(pruneProcessed, 86_400_000);
  processedPruning.unref();
  stoppers.push(async () => clearInterval(processedPruning));
  // (the engine itself is created after the tickets section: it needs the tickets desk)

  // ── tickets ──
  const ticketSettings = await loadTicketSettings(config.settingsDir);
  const ticketStore = new PrismaTicketStore(db.prisma);
  const remap = await db.withStartupLock(() => syncTicketSettings({ store: ticketStore, settings: ticketSettings }));
  if (remap.remapped + remap.split + remap.reassigned > 0)
    logger.info(remap, 'tickets moved onto the current administrative map');
  if (remap.unknownCodes.length > 0)
    logger.warn({ codes: remap.unknownCodes }, 'tickets name communes that settings/communes.yaml does not know');
  /** Channels the outbox delivers residents' replies through: each channel started below registers itself here. */
  const deliveryChannels = new Map<string, DeliveryChannel>();
  /** What each started channel declares it can do, for the conversation's dialogues (registered with it below). */
  const channelCapabilities = new Map<ChannelName, ChannelCapabilities>();
  const crashAfterTicketCommit = config.testCrashAfter === 'ticket-commit';
  const outboxWorker = new OutboxWorker({
    store: new PrismaOutboxStore(db.prisma),
    channels: (name) => deliveryChannels.get(name),
    logger: logger.child({ context: 'outbox' }),
    // TEST ONLY: no timed polls, so no claim can slip in between the ticket's commit and the planned crash
    ...(crashAfterTicketCommit ? { pollMs: 3_600_000 } : {}),
  });
  const ticketDeps: TicketDeps = {
    store: ticketStore,
    settings: ticketSettings,
    clock: systemClock,
    notifier: outboxWorker,
    rateLimiter: new PrismaRateLimiter(db.prisma),
    audit: new PrismaAuditLogReader(db.prisma),
    addressForm: config.addressForm,
    // TEST ONLY (TIEPDAN_TEST_CRASH_AFTER=ticket-commit): die between the ticket commit and any reply
    ...(crashAfterTicketCommit ? { onTicketCommittedForTest: () => process.kill(process.pid, 'SIGKILL') } : {}),
  };
  // ── accounts: the console's people; at the very first start an "admin" with a one-time password ──
  const accountDeps: AccountDeps = {
    store: new PrismaAccountStore(db.prisma),
    clock: systemClock,
    unitCodes: ticketSettings.routing.units.map((u) => u.code),
    rateLimiter: new PrismaRateLimiter(db.prisma),
  };
  const firstAdmin = await db.withStartupLock(() => ensureFirstAdmin(accountDeps));
  if (firstAdmin) {
    // shown once on the console of whoever started the service, never in the JSON logs
    process.stderr.write(
      `\nChưa có tài khoản nào: đã tạo tài khoản quản trị "${firstAdmin.login}" với mật khẩu dùng một lần:\n\n` +
        `    ${firstAdmin.password}\n\nĐăng nhập tại /admin/login và đổi mật khẩu ngay. ` +
        '(Hoặc tạo tài khoản bằng: tiepdan users add <tên> --role admin --password-stdin)\n\n',
    );
    logger.warn(
      { login: firstAdmin.login },
      'first admin account created; its one-time password was printed on stderr',
    );
  }

  /** For the conversation engine: the desk (lookup, privacy), the `tk:` buttons and the intake dialogue. */
  const ticketDesk = createTicketDesk(ticketDeps);
  const ticketActions = createTicketActionHandler(ticketDeps);
  mounts.push((app) => mountOpen311(app, { deps: ticketDeps }));
  mounts.push((app) => mountTransparency(app, { deps: ticketDeps }));
  // started after the channels below registered themselves: a restart then delivers what was queued at once

  // ── conversation engine (needs the knowledge answerer and the tickets desk above) ──
  const conversation = createConversationEngine({
    store: conversationStore,
    answerer,
    tickets: ticketDesk,
    actions: [ticketActions],
    dialogues: createTicketDialogues(ticketDeps),
    dataHolders: [createPrismaWebChatDataHolder({ prisma: db.prisma })],
    addressForm: config.addressForm,
    supportContact: config.supportContact,
    logger: logger.child({ context: 'conversation' }),
    capabilitiesOf: (name) => channelCapabilities.get(name),
  });
  stoppers.push(() => conversation.drain());

  // ── channels ──
  const trustedProxies = parseTrustedProxies(config.trustProxy);
  const sessionLimiter = new PrismaRateLimiter(db.prisma);
  // files residents send on any channel: DATA_DIR/attachments, private to the service
  const attachmentStore = createFileAttachmentStore(path.join(config.dataDir, 'attachments'));
  const webChat = createWebChat({
    store: createPrismaWebChatStore({ prisma: db.prisma }),
    handler: conversation,
    logger,
    clientKey: (c) => clientKeyOf(c, trustedProxies),
    embedOrigins: config.embedOrigins,
    // a household, an office or a mobile operator's NAT shares one address: generous, but not unbounded
    allowNewSession: async (key) =>
      key === undefined ||
      (await sessionLimiter.hit(`web-session:${key}`, new Date(), WEB_SESSION_WINDOW_MS)) <= WEB_SESSIONS_PER_WINDOW,
    // photos for petitions: kept with the other channels' files, at most a few per session and hour
    attachments: attachmentStore,
    allowUpload: async (sessionId) =>
      (await sessionLimiter.hit(`web-upload:${sessionId}`, new Date(), WEB_SESSION_WINDOW_MS)) <=
      WEB_UPLOADS_PER_WINDOW,
  });
  mounts.push(webChat.mount);
  deliveryChannels.set('web', webChat.channel);
  channelCapabilities.set('web', webChat.channel.capabilities);
  stoppers.push(() => webChat.drain());
  if (config.telegram.token) {
    // long polling, or webhook mode (POST at the path of TELEGRAM_WEBHOOK_URL, and /telegram/webhook) when TELEGRAM_WEBHOOK_URL is set; connects in the background
    // several instances on one PostgreSQL: one polls (the others take over if it dies); webhooks reach them all
    const pollingLeadership = config.telegram.webhookUrl
      ? undefined
      : db.leadership('telegram-polling', logger.child({ channel: 'telegram' }));
    // given up after polling stopped (stoppers run in reverse), so the next leader never polls alongside this one
    if (pollingLeadership) stoppers.push(() => pollingLeadership.release());
    const telegram = startTelegram({
      telegram: config.telegram,
      handler: conversation,
      store: createPrismaTelegramUpdateStore({ prisma: db.prisma, pglite: db.pglite }),
      logger,
      pollingLeadership,
      attachments: attachmentStore,
    });
    mounts.push(telegram.mount);
    deliveryChannels.set('telegram', telegram.channel);
    channelCapabilities.set('telegram', telegram.channel.capabilities);
    stoppers.push(() => telegram.stop());
  }

  let zalo: ZaloRuntime | undefined;
  if (config.zalo.enabled) {
    // POST /zalo/webhook; a broken token chain stops this channel only, and says so in the log, /health and `tiepdan zalo status`
    const outboxStore = new PrismaOutboxStore(db.prisma);
    zalo = startZalo({
      zalo: config.zalo,
      handler: conversation,
      tokenStore: createPrismaZaloTokenStore(db.prisma),
      events: createPrismaZaloEventStore({ prisma: db.prisma, pglite: db.pglite }),
      residents: createPrismaZaloResidentStore({ prisma: db.prisma, pglite: db.pglite }),
      attachments: attachmentStore,
      // an answer a closed window held back goes out again once the resident writes
      heldAnswers: {
        requeue: async (id) => {
          const ok = await outboxStore.requeue(id, new Date());
          outboxWorker.notify();
          return ok;
        },
      },
      logger,
      // TEST ONLY (TIEPDAN_TEST_CRASH_AFTER=zalo-token-stored): die right after a refreshed pair is stored
      ...(config.testCrashAfter === 'zalo-token-stored'
        ? { afterTokenStore: () => process.kill(process.pid, 'SIGKILL') }
        : {}),
    });
    mounts.push(zalo.mount);
    deliveryChannels.set('zalo', zalo.channel);
    channelCapabilities.set('zalo', zalo.channel.capabilities);
    stoppers.push(() => (zalo as ZaloRuntime).stop());
  }

  outboxWorker.start();
  // stops before the channels (stoppers run in reverse): the send in flight ends while its channel still works
  stoppers.push(() => outboxWorker.stop());

  // ── admin: `tiepdan …` typed on this machine while the service holds the embedded database ──
  const runCommand = createServiceCliRunner({
    config,
    db,
    knowledgeChanged: refreshKnowledge,
    outboxNotifier: outboxWorker,
  });
  const runForwardedCli: typeof runCommand = async (...args) => {
    forwardedCommands++;
    try {
      return await runCommand(...args);
    } finally {
      forwardedCommands--;
    }
  };
  mounts.push((app) => mountAdminCli(app, { token: () => db.lock?.info.adminToken, run: runForwardedCli }));

  // ── console: officers' pages at /admin/ and the officer API at /api/admin/v1 ──
  mounts.push((app) =>
    mountConsole(app, {
      accounts: accountDeps,
      tickets: ticketDeps,
      outbox: new PrismaOutboxStore(db.prisma),
      attachments: attachmentStore,
      // the question queue: answers go out through the outbox; FAQ entries are documents this instance indexes at
      // once (the others at their next refresh)
      questions: {
        queue: createPrismaUnansweredQuestionStore(db.prisma),
        knowledge: knowledgeStore,
        tickets: ticketDeps,
        knowledgeChanged: refreshKnowledge,
      },
      settings: config.console,
      clientKey: (c) => clientKeyOf(c, trustedProxies),
      knowledge: {
        store: knowledgeStore,
        answerer,
        refresh: refreshKnowledge,
        knowledgeDir: config.knowledgeDir,
        root: process.cwd(),
        uploadMaxBytes: KNOWLEDGE_UPLOAD_MAX_BYTES,
        audit: async (entry) => {
          await ticketDeps.store.appendAudit(entry, ticketDeps.clock.now());
        },
      },
    }),
  );

  const app = createHttpApp({
    logger,
    mounts,
    largeBodies: {
      '/api/chat/attachments': config.webUploadMaxBytes,
      // the multipart envelope and the form's other fields come on top of the file
      [KNOWLEDGE_UPLOAD_PATH]: KNOWLEDGE_UPLOAD_MAX_BYTES + 1024 * 1024,
    },
    health: async () => ({ database: db.kind, ...(zalo ? { zalo: await zaloHealth(zalo) } : {}) }),
  });
  const http = await listen(app, config.host, config.port);
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const url = `http://${host}:${http.port}`;
  await db.lock?.advertise(http.port);
  logger.info({ url, ms: Date.now() - startedAt }, 'tiepdan ready');

  return {
    config,
    db,
    http,
    url,
    async stop() {
      await http.close();
      for (const stop of stoppers.reverse()) await stop();
      await db.close();
    },
  };
}

/** /health detail of the Zalo channel: what an admin must do when the token chain is broken. Never a token. */
async function zaloHealth(zalo: ZaloRuntime): Promise<Record<string, unknown>> {
  try {
    const status = await zalo.status();
    if (status.state === 'ok')
      return { status: 'ok', accessTokenExpiresAt: status.accessExpiresAt?.toISOString() ?? null };
    return {
      status: status.state,
      ...(status.state === 'broken' ? { reason: status.reason } : {}),
      action: status.advice,
    };
  } catch {
    return { status: 'unknown' };
  }
}

interface Answering {
  answerer: QuestionAnswerer;
  /** Picks up a new knowledge revision (and synonyms); re-syncs embeddings when on. */
  refresh(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The default, model-free answers run in a worker thread (ranking is CPU work that would hold up every other
 * resident's message on the main thread). With an LLM or embeddings configured, answering runs here, beside
 * the clients those need.
 */
async function openAnswering(deps: {
  config: Config;
  db: Database;
  store: KnowledgeStore;
  logger: Logger;
}): Promise<Answering> {
  const { config, db, store, logger } = deps;
  const synonymsFile = path.join(config.knowledgeDir, 'synonyms.txt');
  const searchLogger = logger.child({ context: 'search' });
  if (config.answerMode === 'extractive' && config.retrievalMode === 'lexical') {
    const worker = await startKnowledgeWorker({
      store,
      dataDir: config.dataDir,
      synonymsFile,
      aliasesDir: path.join(config.knowledgeDir, 'aliases'),
      offDomainFile: path.join(config.knowledgeDir, 'off-domain.txt'),
      addressForm: config.addressForm,
      logger: searchLogger,
    });
    logger.info({ revision: worker.revision(), index: worker.origin, answers: 'extractive' }, 'knowledge search ready');
    return {
      answerer: worker.answerer,
      refresh: async () => {
        await worker.refresh();
      },
      close: () => worker.close(),
    };
  }
  const { search, ai } = await openInProcessAnswering({
    config,
    store,
    dataDir: config.dataDir,
    logger: searchLogger,
    db,
  });
  logger.info({ revision: search.revision(), index: search.origin, ...ai.summary }, 'knowledge search ready');
  const sync = () =>
    ai.sync?.().catch((error) => logger.warn({ error: toAppError(error).code }, 'embedding sync failed'));
  void sync();
  return {
    answerer: createAnswerer({ retriever: ai.retriever, writer: ai.writer, addressForm: config.addressForm }),
    refresh: async () => {
      if (await search.refresh()) await sync();
    },
    close: async () => undefined,
  };
}
