// Web transcripts are residents' personal data: "/dulieu" counts them, "/xoadulieu" deletes them (real engine).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConversationEngine, createReplies } from '../../../src/conversation/index.js';
import type { Database } from '../../../src/db/index.js';
import { createPrismaConversationStore } from '../../../src/db/stores/conversation-store.js';
import { createPrismaWebChatDataHolder } from '../../../src/db/stores/web-chat-store.js';
import { createTestDatabase } from '../../support/database.js';
import { ContractAnswerer } from '../support/contract-answerer.js';
import { ChatClient, startWebHarness, type WebHarness } from '../support/web-harness.js';

const R = createReplies('Bạn');

describe('web transcripts and the resident data requests', () => {
  let db: Database;
  let h: WebHarness;
  beforeAll(async () => {
    db = await createTestDatabase();
    const engine = createConversationEngine({
      store: createPrismaConversationStore(db.prisma),
      answerer: new ContractAnswerer(),
      dataHolders: [createPrismaWebChatDataHolder({ prisma: db.prisma })],
    });
    h = await startWebHarness({ handler: engine, db });
  });
  afterAll(async () => {
    await h?.close();
    await db?.close();
  });

  it('lists the transcript among the data kept, then erases it on request', async () => {
    const client = new ChatClient(h.url);
    await client.say('Đăng ký khai sinh cần giấy tờ gì?');
    const [report] = await client.say('/dulieu');
    expect(report?.text).toContain('Tin nhắn trong cuộc trò chuyện trên trang web');
    const [confirm] = await client.say('/xoadulieu');
    const yes = confirm?.quickReplies.find((q) => q.label === R.eraseYes);
    expect(yes).toBeDefined();
    const done = await client.say(yes?.label ?? '', yes?.action);
    expect(done.map((m) => m.text)).toEqual([R.erased(false)]);
    // only the confirmation is left; the session still works
    const transcript = await client.transcript();
    expect(transcript.map((m) => m.text)).toEqual([R.erased(false)]);
    expect((await client.say('khai sinh'))[0]?.text).toContain('Nguồn');
  });
});
