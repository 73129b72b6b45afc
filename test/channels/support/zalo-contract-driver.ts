// Drives the channel contract through Zalo: signed events go in through POST /zalo/webhook, sends come out at the fake.
import { actionFromText, OPTIONS_HEADING } from '../../../src/channels/shared/index.js';
import { newZaloUserId, type SentMessage } from '../../support/fake-zalo.js';
import type { ChannelUnderTest, ContractResident, SeenReply } from '../contract.js';
import { ReplyLog } from '../contract.js';
import type { ZaloHarness } from './zalo-harness.js';

interface Button {
  title: string;
  type: string;
  payload: string;
}

/**
 * What the resident sees, as the contract compares it: the text without the numbered list (checked here to name
 * exactly the buttons, in order), and the buttons with the action their payload carries.
 */
export function seen(message: SentMessage): SeenReply & { payloads: string[] } {
  const raw = message.body.message.text ?? '';
  const buttons = ((message.body.message.attachment?.payload.buttons as Button[] | undefined) ?? []).map((b) => {
    if (b.type !== 'oa.query.hide') throw new Error(`button type ${b.type}`);
    return { label: b.title, action: actionFromText(b.payload) ?? `not an action: ${b.payload}`, payload: b.payload };
  });
  const [text, list] = raw.split(`\n${OPTIONS_HEADING}\n`);
  if (list !== undefined) {
    const labels = list.split('\n').map((line) => line.replace(/^\d+\. /, ''));
    if (buttons.length > 0 && labels.slice(0, buttons.length).join('|') !== buttons.map((b) => b.label).join('|'))
      throw new Error(`numbered options ${labels.join('|')} differ from the buttons`);
  }
  return {
    text: text ?? '',
    buttons: buttons.map(({ label, action }) => ({ label, action })),
    payloads: buttons.map((b) => b.payload),
  };
}

export function zaloChannelUnderTest(h: ZaloHarness): ChannelUnderTest {
  return {
    newResident(): ContractResident {
      const userId = newZaloUserId();
      const log = new ReplyLog();
      const payloadOf = new Map<string, string>();
      const exchange = async (event: Record<string, unknown>): Promise<SeenReply[]> => {
        const before = h.fake.sentTo(userId).length;
        const status = await h.send(event);
        if (status !== 200) throw new Error(`webhook answered ${status}`);
        const replies = h.fake.sentTo(userId).slice(before).map(seen);
        for (const r of replies) {
          for (const [i, b] of r.buttons.entries()) payloadOf.set(b.action, r.payloads[i] ?? '');
        }
        return log.add(replies.map(({ text, buttons }) => ({ text, buttons })));
      };
      return {
        say: (text) => exchange(h.events.text(userId, text)),
        // Zalo sends a pressed oa.query.hide button back as a user_send_text whose text is the payload
        press: (label) => exchange(h.events.text(userId, payloadOf.get(log.button(label).action) ?? '')),
      };
    },
    close: () => h.close(),
  };
}
