// Drives the channel contract through Telegram: updates go in through the fake Bot API, sendMessage calls come out.
import type { FakeTelegram } from '../../support/fake-telegram.js';
import { updates } from '../../support/fake-telegram.js';
import type { ChannelUnderTest, ContractResident, SeenReply } from '../contract.js';
import { ReplyLog } from '../contract.js';
import type { TelegramHarness } from './telegram-harness.js';

let nextChat = 9_100_000;

function unescapeHtml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

interface Keyboard {
  inline_keyboard: Array<Array<{ text: string; callback_data: string }>>;
}

/** Hands one update to the bot and resolves when the bot has finished with it. */
async function deliver(
  fake: FakeTelegram,
  mode: 'polling' | 'webhook',
  update: Record<string, unknown>,
): Promise<void> {
  const updateId = update.update_id as number;
  if (mode === 'webhook') {
    const status = await fake.deliver(update);
    if (status !== 200) throw new Error(`webhook answered ${status}`);
    return;
  }
  fake.push(update);
  // telegraf asks for more only after the whole batch was handled
  await fake.waitFor(
    (calls) => calls.some((c) => c.method === 'getUpdates' && (c.payload.offset as number) > updateId),
    20_000,
    `update ${updateId} handled`,
  );
}

export function telegramChannelUnderTest(h: TelegramHarness, mode: 'polling' | 'webhook'): ChannelUnderTest {
  return {
    newResident(): ContractResident {
      const chat = nextChat++;
      const log = new ReplyLog();
      const exchange = async (update: Record<string, unknown>): Promise<SeenReply[]> => {
        const before = h.fake.callsOf('sendMessage').filter((c) => c.payload.chat_id === String(chat)).length;
        await deliver(h.fake, mode, update);
        const sent = h.fake
          .callsOf('sendMessage')
          .filter((c) => c.payload.chat_id === String(chat))
          .slice(before);
        return log.add(
          sent.map((c) => ({
            text: unescapeHtml(String(c.payload.text)),
            buttons: ((c.payload.reply_markup as Keyboard | undefined)?.inline_keyboard ?? [])
              .flat()
              .map((b) => ({ label: b.text, action: b.callback_data })),
          })),
        );
      };
      return {
        say: (text) => exchange(updates.text(chat, text)),
        press: (label) => {
          const button = log.button(label);
          // the bot message carrying that button, as Telegram would quote it in the callback query
          const carrier = h.fake
            .callsOf('sendMessage')
            .filter((c) => c.payload.chat_id === String(chat))
            .reverse()
            .find((c) =>
              (c.payload.reply_markup as Keyboard | undefined)?.inline_keyboard
                .flat()
                .some((b) => b.callback_data === button.action),
            );
          const message = carrier?.result as { message_id: number } | undefined;
          return exchange(
            updates.press(chat, button.action, {
              message_id: message?.message_id ?? 1,
              reply_markup: carrier?.payload.reply_markup,
            }),
          );
        },
      };
    },
    close: () => h.close(),
  };
}
