// Port: where the OA's token pair lives (the database: it must survive restarts, and a refresh token works once).

export interface StoredZaloTokens {
  accessToken: string | undefined;
  accessExpiresAt: Date | undefined;
  refreshToken: string | undefined;
  /** sha256 (hex) of the environment's refresh token that last seeded the store. */
  seedHash: string | undefined;
  /** Set when the refresh chain is broken: what went wrong (no secret in it). */
  brokenReason: string | undefined;
  refreshedAt: Date | undefined;
}

export interface ZaloTokenStore {
  load(): Promise<StoredZaloTokens | undefined>;
  /** Replaces the refresh token by the environment's (a first start, or an admin pasted a new one); clears the rest. */
  seed(refreshToken: string, seedHash: string): Promise<void>;
  /** Stores a refreshed pair in one statement (one transaction), before anyone uses it. Clears `brokenReason`. */
  saveRefreshed(pair: {
    accessToken: string;
    refreshToken: string;
    accessExpiresAt: Date;
    refreshedAt: Date;
  }): Promise<void>;
  markBroken(reason: string): Promise<void>;
}
