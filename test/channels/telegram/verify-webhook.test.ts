import { describe, expect, it } from 'vitest';
import { verifyWebhookSecret } from '../../../src/channels/telegram/verify-webhook.js';

describe('verifyWebhookSecret', () => {
  it('accepts only the exact secret', () => {
    expect(verifyWebhookSecret('s3cret_Token-1', 's3cret_Token-1')).toBe(true);
    expect(verifyWebhookSecret('s3cret_Token-1', 's3cret_Token-2')).toBe(false);
    expect(verifyWebhookSecret('s3cret_Token-1', 's3cret_Token-1x')).toBe(false);
    expect(verifyWebhookSecret('s3cret_Token-1', '')).toBe(false);
    expect(verifyWebhookSecret('s3cret_Token-1', undefined)).toBe(false);
    expect(verifyWebhookSecret('', '')).toBe(false);
  });
});
