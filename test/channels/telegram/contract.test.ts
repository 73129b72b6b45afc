// The channel contract through Telegram, in both long-polling and webhook modes (real telegraf, fake Bot API).
import { runChannelContract } from '../contract.js';
import { telegramChannelUnderTest } from '../support/telegram-contract-driver.js';
import { startTelegramHarness } from '../support/telegram-harness.js';

for (const mode of ['polling', 'webhook'] as const) {
  runChannelContract(`telegram (${mode})`, async ({ handler, db }) => {
    // pacing would only slow the script down; the limiter has its own tests
    const h = await startTelegramHarness({ handler, db, mode, telegram: { ratePerChat: 1000, rateGlobal: 10_000 } });
    return telegramChannelUnderTest(h, mode);
  });
}
