// Keeps a valid access token: refreshed ahead of expiry and at once after -216, one refresh at a time, each new pair
// stored before it is used (Zalo refresh tokens are single use: a pair lost between refresh and store bricks the OA).
import { createHash } from 'node:crypto';
import { AppError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import type { ZaloClient } from './client.js';
import { ZaloApiError } from './errors.js';
import type { ZaloTokenStore } from './token-store.js';

/** Refresh this long before the access token expires (Zalo's last ≈ 25 h). */
const REFRESH_AHEAD_MS = 10 * 60_000;

export function hashSeed(refreshToken: string): string {
  return createHash('sha256').update(refreshToken).digest('hex');
}

/** What an admin reads in the log, /health and `tiepdan zalo status` when the chain is broken. */
export const BROKEN_ADVICE =
  'Kênh Zalo cần refresh token mới: tạo lại trên developers.zalo.me (API Explorer → OA Access Token), ' +
  'đặt vào ZALO_REFRESH_TOKEN rồi khởi động lại dịch vụ.';

export interface ZaloTokenManagerOptions {
  client: ZaloClient;
  store: ZaloTokenStore;
  /** ZALO_REFRESH_TOKEN, if set. */
  seedRefreshToken: string | undefined;
  logger: Logger;
  now?: () => number;
  /** TEST ONLY: called right after a refreshed pair is stored (the crash test kills the process there). */
  afterStore?: () => void;
}

export type ZaloTokenState =
  | { state: 'ok'; accessExpiresAt: Date | undefined; refreshedAt: Date | undefined }
  | { state: 'broken'; reason: string; advice: string }
  | { state: 'missing'; advice: string };

/** Thrown when no access token can be had: the channel waits for an admin; other channels carry on. */
export class ZaloTokenUnavailableError extends AppError {
  constructor(reason: string) {
    super('CHANNEL_FAILED', `Zalo token unavailable: ${reason}`, { details: { reason: 'zalo_token_unavailable' } });
    this.name = 'ZaloTokenUnavailableError';
  }
}

export class ZaloTokenManager {
  private current: { token: string; expiresAt: number } | undefined;
  private inFlight: Promise<string> | undefined;
  private loaded: Promise<void> | undefined;
  private brokenReason: string | undefined;
  /** The last token Zalo called invalid: never adopted again from the store. */
  private rejected: string | undefined;
  private hasRefreshToken = false;
  private readonly now: () => number;
  /** How many refresh calls this process made (for tests and status). */
  refreshCount = 0;

  constructor(private readonly options: ZaloTokenManagerOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Reads the store, seeding it from the environment when it is empty or the environment's value changed. */
  init(): Promise<void> {
    this.loaded ??= this.load();
    return this.loaded;
  }

  private async load(): Promise<void> {
    const { store, seedRefreshToken, logger } = this.options;
    let stored = await store.load();
    if (seedRefreshToken) {
      const hash = hashSeed(seedRefreshToken);
      if (!stored?.refreshToken || stored.seedHash !== hash) {
        await store.seed(seedRefreshToken, hash);
        logger.info({ firstSeed: !stored?.refreshToken }, 'zalo refresh token seeded from ZALO_REFRESH_TOKEN');
        stored = await store.load();
      }
    }
    this.hasRefreshToken = Boolean(stored?.refreshToken);
    this.brokenReason = stored?.brokenReason;
    if (stored?.accessToken && stored.accessExpiresAt)
      this.current = { token: stored.accessToken, expiresAt: stored.accessExpiresAt.getTime() };
    if (!this.hasRefreshToken) logger.error({ advice: BROKEN_ADVICE }, 'zalo channel has no refresh token');
    else if (this.brokenReason)
      logger.error({ reason: this.brokenReason, advice: BROKEN_ADVICE }, 'zalo token chain broken');
  }

  /** A token valid now: the stored one, or a fresh one (waiting for the refresh in flight, if any). */
  async accessToken(): Promise<string> {
    await this.init();
    if (this.current && this.current.expiresAt - REFRESH_AHEAD_MS > this.now()) return this.current.token;
    return this.refresh();
  }

  /**
   * Zalo said `rejected` is invalid (-216): refresh, unless another call has already replaced it, and return the
   * token to retry with.
   */
  async afterInvalid(rejected: string): Promise<string> {
    await this.init();
    if (this.current && this.current.token !== rejected) return this.current.token;
    this.current = undefined;
    this.rejected = rejected;
    return this.refresh();
  }

  /** One refresh at a time: every caller during a refresh waits for the same one. */
  private refresh(): Promise<string> {
    this.inFlight ??= this.doRefresh().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async doRefresh(): Promise<string> {
    const { client, store, logger } = this.options;
    // read afresh: another instance on the same database may have refreshed meanwhile
    const stored = await store.load();
    if (
      stored?.accessToken &&
      stored.accessExpiresAt &&
      stored.accessToken !== this.current?.token &&
      stored.accessToken !== this.rejected
    ) {
      const expiresAt = stored.accessExpiresAt.getTime();
      if (expiresAt - REFRESH_AHEAD_MS > this.now()) {
        this.current = { token: stored.accessToken, expiresAt };
        return stored.accessToken;
      }
    }
    if (!stored?.refreshToken) {
      this.brokenReason = 'chưa có refresh token';
      throw new ZaloTokenUnavailableError('no refresh token');
    }
    if (stored.brokenReason) {
      this.brokenReason = stored.brokenReason;
      throw new ZaloTokenUnavailableError('refresh chain broken');
    }
    let pair: Awaited<ReturnType<ZaloClient['refresh']>>;
    try {
      this.refreshCount++;
      pair = await client.refresh(stored.refreshToken);
    } catch (error) {
      if (error instanceof ZaloApiError) {
        // Zalo refused the refresh token itself: retrying with it cannot work, an admin must act
        const reason = `Zalo từ chối refresh token (mã ${error.errorCode})`;
        this.brokenReason = reason;
        await store.markBroken(reason);
        logger.error({ errorCode: error.errorCode, advice: BROKEN_ADVICE }, 'zalo refresh token refused');
        throw new ZaloTokenUnavailableError(reason);
      }
      throw error;
    }
    const now = this.now();
    const accessExpiresAt = new Date(now + pair.expiresInSeconds * 1000);
    // stored before use: if this process dies after this line, the next one starts from the new pair
    await store.saveRefreshed({
      accessToken: pair.accessToken,
      refreshToken: pair.refreshToken,
      accessExpiresAt,
      refreshedAt: new Date(now),
    });
    this.options.afterStore?.();
    this.brokenReason = undefined;
    this.current = { token: pair.accessToken, expiresAt: accessExpiresAt.getTime() };
    logger.info({ expiresInSeconds: pair.expiresInSeconds }, 'zalo access token refreshed');
    return pair.accessToken;
  }

  /** For /health and `tiepdan zalo status`. */
  async status(): Promise<ZaloTokenState> {
    await this.init().catch(() => undefined);
    const stored = await this.options.store.load();
    if (!stored?.refreshToken) return { state: 'missing', advice: BROKEN_ADVICE };
    if (stored.brokenReason) return { state: 'broken', reason: stored.brokenReason, advice: BROKEN_ADVICE };
    return { state: 'ok', accessExpiresAt: stored.accessExpiresAt, refreshedAt: stored.refreshedAt };
  }
}
