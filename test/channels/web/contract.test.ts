// The channel contract through the web chat HTTP API (real engine, real HTTP server, cookie sessions).
import { type ContractResident, ReplyLog, runChannelContract, type SeenReply } from '../contract.js';
import { ChatClient, startWebHarness } from '../support/web-harness.js';

runChannelContract('web chat', async ({ handler, db }) => {
  const h = await startWebHarness({ handler, db });
  return {
    newResident(): ContractResident {
      const client = new ChatClient(h.url);
      const log = new ReplyLog();
      const seen = (lines: Awaited<ReturnType<ChatClient['say']>>): SeenReply[] =>
        log.add(lines.map((l) => ({ text: l.text, buttons: l.quickReplies })));
      return {
        say: async (text) => seen(await client.say(text)),
        press: async (label) => {
          const button = log.button(label);
          return seen(await client.say(button.label, button.action));
        },
      };
    },
    close: () => h.close(),
  };
});
