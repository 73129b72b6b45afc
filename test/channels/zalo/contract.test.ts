// The channel contract through Zalo: real client, real stores, signed webhooks, the fake Zalo.
import { runChannelContract } from '../contract.js';
import { zaloChannelUnderTest } from '../support/zalo-contract-driver.js';
import { startZaloHarness } from '../support/zalo-harness.js';

runChannelContract('zalo', async ({ handler, db }) => zaloChannelUnderTest(await startZaloHarness({ handler, db })));
