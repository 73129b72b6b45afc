// A Telegram attachment whose file name holds NUL or a lone surrogate used to make the database refuse the
// message, and the resident got "hệ thống đang gặp sự cố" on every resend. Through the converter and the real
// engine on a real PGlite, it is now an ordinary message, and the photo or file reaches the ticket.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toIncoming } from '../../../src/channels/telegram/to-incoming.js';
import type { IncomingMessage } from '../../../src/conversation/index.js';
import { createIntakeHarness, type IntakeHarness } from '../../tickets/intake-harness.js';

describe('Telegram fields a client filled with junk', () => {
  let h: IntakeHarness;
  beforeEach(async () => {
    h = await createIntakeHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  const documentUpdate = (updateId: number) => ({
    update_id: updateId,
    message: {
      message_id: 1,
      date: 1_700_000_000,
      chat: { id: 4242, type: 'private' },
      from: { id: 4242, first_name: 'Lan\u0000' },
      document: { file_id: 'BQAC\u0000x', file_name: 'ảnh\u0000đường\uD800hỏng.jpg', mime_type: 'image/jpeg\u0000' },
    },
  });

  const incoming = (updateId: number): IncomingMessage => {
    const inbound = toIncoming(documentUpdate(updateId));
    if (inbound.kind !== 'message') throw new Error('expected a message');
    return inbound.message;
  };

  it('is answered, and answered again on a resend, without a failure', async () => {
    const first = await h.engine.handle(incoming(7001));
    expect(first.map((r) => r.text).join('\n')).not.toContain('sự cố');
    expect(first[0]?.text).toContain('muốn gửi ảnh/vị trí này kèm một phản ánh');
    // the dialogue holding the file was stored: the next step works from it
    const state = await h.db.prisma.conversationState.findFirst({ where: { dialog: 'offer-intake' } });
    expect(JSON.stringify(state?.data)).toContain('ảnhđường\uFFFDhỏng.jpg');
    const again = await h.engine.handle(incoming(7002));
    expect(again.map((r) => r.text).join('\n')).not.toContain('sự cố');
  });
});
