// Every setting of tiepdan, validated once by one zod schema. Nothing else reads process.env.
import path from 'node:path';
import { z } from 'zod';
import { parseTrustedProxies } from '../shared/client-address.js';
import { AppError, isAppError } from '../shared/errors.js';

const optionalString = z.string().optional();

/** A PostgreSQL schema name accepted in DATABASE_URL's `?schema=` (Prisma's convention): a plain identifier. */
export const POSTGRES_SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .refine((v) => URL.canParse(v), { message: 'URL không hợp lệ', abort: true })
    .refine((v) => protocols.some((p) => v.startsWith(p)), { message: `phải bắt đầu bằng ${protocols.join(' hoặc ')}` })
    .optional();

/**
 * Characters a webhook path may hold literally: the HTTP router reads `:`, `*`, `{` and friends as patterns,
 * and %-escapes would never match the decoded path it compares against.
 */
export const PLAIN_WEBHOOK_PATH = /^\/[A-Za-z0-9._~/-]*$/;

const urlWithDefault = (fallback: string) => optionalUrl(['https://', 'http://']).transform((v) => v ?? fallback);

const boolFromEnv = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .optional()
    .transform((v) => (v === undefined ? fallback : ['true', '1', 'yes'].includes(v)));

const intFromEnv = (fallback: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return fallback;
      const n = Number(v);
      if (!/^[+-]?\d+$/.test(v) || !Number.isSafeInteger(n)) {
        ctx.addIssue({ code: 'custom', message: `số nguyên không hợp lệ (phải từ ${min} đến ${max})` });
        return z.NEVER;
      }
      if (n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `phải từ ${min} đến ${max}` });
        return z.NEVER;
      }
      return n;
    });

const commaList = (v: string | undefined): string[] =>
  (v ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');

/** Reverse proxies (addresses, CIDRs, `loopback`) whose X-Forwarded-For names the client. */
const trustedProxies = z
  .string()
  .optional()
  .transform((v, ctx) => {
    const entries = commaList(v);
    try {
      parseTrustedProxies(entries);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: isAppError(error) ? error.userMessage : 'giá trị không hợp lệ' });
      return z.NEVER;
    }
    return entries;
  });

/** Sites allowed to frame the web chat: full origins such as https://backan.gov.vn. */
const originList = z
  .string()
  .optional()
  .transform((v, ctx) => {
    const origins: string[] = [];
    for (const entry of commaList(v)) {
      const url = URL.canParse(entry) ? new URL(entry) : undefined;
      if (!url || !['http:', 'https:'].includes(url.protocol) || url.origin !== entry.replace(/\/+$/, '')) {
        ctx.addIssue({
          code: 'custom',
          message: `"${entry}" không phải một nguồn (origin) dạng https://ten-mien, không có đường dẫn`,
        });
        return z.NEVER;
      }
      origins.push(url.origin);
    }
    return origins;
  });

/**
 * The environment variables tiepdan understands, with their defaults (mirrored in .env.example). Values are
 * trimmed first, and an empty value counts as unset: the default applies, as when .env.example leaves it blank.
 */
const envFields = z.object({
  PORT: intFromEnv(3000, 0, 65535),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: optionalUrl(['postgres://', 'postgresql://']).refine(
    (v) => {
      const schema = v && URL.canParse(v) ? new URL(v).searchParams.get('schema') : null;
      return schema === null || POSTGRES_SCHEMA_NAME.test(schema);
    },
    { message: 'tên schema (?schema=) chỉ gồm chữ cái không dấu, số và _, không bắt đầu bằng số' },
  ),
  KNOWLEDGE_DIR: z.string().default('./knowledge'),
  SETTINGS_DIR: z.string().default('./settings'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PUBLIC_BASE_URL: optionalUrl(['http://', 'https://']),
  /** Reverse proxies in front of tiepdan (comma-separated addresses or CIDRs, or `loopback`). Unset: none. */
  TRUST_PROXY: trustedProxies,
  /** Portals allowed to embed the web chat in a frame (comma-separated origins). Unset: only tiepdan's own pages. */
  EMBED_ORIGINS: originList,
  /** How the bot addresses residents. */
  ADDRESS_FORM: z.enum(['Bạn', 'Quý vị']).default('Bạn'),
  /** Shown when a resident asks to talk to a person, e.g. "Bộ phận Một cửa UBND xã …, ĐT 0123 456 789". */
  SUPPORT_CONTACT: optionalString,

  /** extractive (default, no model) | llm (OpenAI-compatible chat model) */
  ANSWER_MODE: z.enum(['extractive', 'llm']).default('extractive'),
  /** lexical (default) | hybrid (lexical + embeddings) */
  RETRIEVAL_MODE: z.enum(['lexical', 'hybrid']).default('lexical'),
  /** where embeddings live when RETRIEVAL_MODE=hybrid */
  VECTOR_STORE: z.enum(['pgvector', 'pinecone']).default('pgvector'),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalUrl(['http://', 'https://']),
  LLM_MODEL: z.string().default('gpt-4o-mini'),
  /** How long a resident waits for the chat model before getting the extractive answer (ms). */
  LLM_TIMEOUT_MS: intFromEnv(20000, 1000, 300000),
  EMBEDDING_MODEL: z.string().default('text-embedding-3-small'),
  EMBEDDING_DIMENSIONS: intFromEnv(1536, 8, 8192),
  PINECONE_API_KEY: optionalString,
  PINECONE_INDEX: optionalString,
  PINECONE_HOST: optionalUrl(['http://', 'https://']),

  TELEGRAM_BOT_TOKEN: optionalString,
  TELEGRAM_WEBHOOK_URL: optionalUrl(['https://', 'http://']).refine(
    // a path that cannot be served would still be registered with Telegram, and every update would 404
    (v) => v === undefined || !URL.canParse(v) || PLAIN_WEBHOOK_PATH.test(new URL(v).pathname),
    { message: 'đường dẫn chỉ được gồm chữ cái không dấu, số và . _ ~ - /' },
  ),
  // Telegram echoes it in the X-Telegram-Bot-Api-Secret-Token header, which allows only these characters
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,256}$/, { message: 'chỉ gồm A-Z, a-z, 0-9, _ và -, tối đa 256 ký tự' })
    .optional(),
  TELEGRAM_API_ROOT: urlWithDefault('https://api.telegram.org'),
  /** Outgoing messages per second to one chat, and over all chats (Telegram's limits: about 1 and 30). */
  TELEGRAM_RATE_PER_CHAT: intFromEnv(1, 1, 1000),
  TELEGRAM_RATE_GLOBAL: intFromEnv(30, 1, 100000),
  /** Photos and documents residents send are kept up to this size (the Bot API serves at most 20 MB). */
  TELEGRAM_MAX_DOWNLOAD_BYTES: intFromEnv(10 * 1024 * 1024, 1024, 20 * 1024 * 1024),

  /** Zalo Official Account: the app (developers.zalo.me) and the OA's webhook secret key. */
  ZALO_APP_ID: z
    .string()
    .regex(/^\d{1,24}$/, { message: 'là dãy số (App ID trên developers.zalo.me)' })
    .optional(),
  ZALO_APP_SECRET: optionalString,
  ZALO_OA_SECRET_KEY: optionalString,
  /** The first refresh token (single use); seeds the token store when it is empty or this value changed. */
  ZALO_REFRESH_TOKEN: optionalString,
  ZALO_API_BASE: urlWithDefault('https://openapi.zalo.me'),
  ZALO_OAUTH_BASE: urlWithDefault('https://oauth.zaloapp.com'),
  /** Webhook calls whose timestamp is older than this are refused (replay), in seconds; default one day. */
  ZALO_WEBHOOK_MAX_AGE_SECONDS: intFromEnv(86_400, 60, 30 * 86_400),
  /** Outgoing messages per second to one resident, and over all residents. */
  ZALO_RATE_PER_USER: intFromEnv(2, 1, 1000),
  ZALO_RATE_GLOBAL: intFromEnv(50, 1, 100000),
  /** Largest photo or file downloaded from a resident's message, in bytes (default 10 MB). */
  ZALO_MAX_DOWNLOAD_BYTES: intFromEnv(10 * 1024 * 1024, 1024, 100 * 1024 * 1024),
  /** Largest photo or file a resident may attach in the web chat, in bytes (default 10 MB). */
  WEB_UPLOAD_MAX_BYTES: intFromEnv(10 * 1024 * 1024, 1024, 100 * 1024 * 1024),

  /**
   * Seals the audit trail (HMAC of each row's hash): at least 32 characters, kept outside the database. Unset: the
   * file AUDIT_KEY_FILE names, else DATA_DIR/audit.key (created for the embedded database). Several instances on one
   * PostgreSQL must all be given the same key.
   */
  AUDIT_KEY: z.string().min(32, { message: 'phải dài ít nhất 32 ký tự' }).optional(),
  AUDIT_KEY_FILE: z.string().optional(),

  /** Index knowledge/ when the knowledge base is empty at start-up. */
  INDEX_ON_START: boolFromEnv(true),

  /** Console (/admin/): admin, lead and inspector must confirm a TOTP code at sign-in. */
  CONSOLE_REQUIRE_2FA: boolFromEnv(false),
  /** Console sessions end after this many idle minutes, and this many hours after sign-in whatever happens. */
  CONSOLE_SESSION_IDLE_MINUTES: intFromEnv(30, 1, 24 * 60),
  CONSOLE_SESSION_MAX_HOURS: intFromEnv(12, 1, 24 * 30),

  /**
   * TEST ONLY — never set in production. `ticket-commit`: the process kills itself (SIGKILL) right after a
   * ticket is committed, before anything is sent (the tickets crash test, test/tickets/crash.test.ts).
   */
  TIEPDAN_TEST_CRASH_AFTER: z.enum(['ticket-commit', 'zalo-token-stored']).optional(),
});

/** tiepdan's variables as set in the environment: trimmed, never empty. */
type Env = Partial<Record<keyof typeof envFields.shape, string>>;

/** Only tiepdan's variables, trimmed, with empty ones dropped (so that their defaults apply). */
function normaliseEnv(env: Record<string, string | undefined>): Env {
  const raw: Env = {};
  for (const name of Object.keys(envFields.shape) as Array<keyof Env>) {
    const value = env[name]?.trim();
    if (value) raw[name] = value;
  }
  return raw;
}

/** zod's own messages are English; people reading these run a Vietnamese help desk. */
const vietnameseIssue: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_value':
      return `chỉ nhận một trong: ${issue.values.map(String).join(', ')}`;
    case 'invalid_format':
      return issue.format === 'url' ? 'URL không hợp lệ' : 'sai định dạng';
    case 'too_small':
      return `phải từ ${issue.minimum} trở lên`;
    case 'too_big':
      return `phải từ ${issue.maximum} trở xuống`;
    default:
      return 'giá trị không hợp lệ';
  }
};

interface Problem {
  variable: string;
  message: string;
}

/**
 * Settings that need each other. Checked on the raw values, so they are reported together with every
 * malformed value rather than after the administrator fixes those.
 */
function missingCompanions(raw: Env): Problem[] {
  const problems: Problem[] = [];
  const hasModelServer = raw.OPENAI_API_KEY !== undefined || raw.OPENAI_BASE_URL !== undefined;
  // a local OpenAI-compatible server (vLLM, Ollama) set through OPENAI_BASE_URL needs no key
  if (raw.ANSWER_MODE === 'llm' && !hasModelServer)
    problems.push({
      variable: 'OPENAI_API_KEY',
      message: 'cần có khi ANSWER_MODE=llm (hoặc đặt OPENAI_BASE_URL tới máy chủ nội bộ)',
    });
  if (raw.RETRIEVAL_MODE === 'hybrid' && !hasModelServer)
    problems.push({
      variable: 'OPENAI_API_KEY',
      message: 'cần có khi RETRIEVAL_MODE=hybrid (hoặc đặt OPENAI_BASE_URL tới máy chủ nội bộ)',
    });
  if (raw.RETRIEVAL_MODE === 'hybrid' && raw.VECTOR_STORE === 'pinecone') {
    if (!raw.PINECONE_API_KEY)
      problems.push({ variable: 'PINECONE_API_KEY', message: 'cần có khi VECTOR_STORE=pinecone' });
    if (!raw.PINECONE_INDEX && !raw.PINECONE_HOST)
      problems.push({
        variable: 'PINECONE_INDEX',
        message: 'cần PINECONE_INDEX hoặc PINECONE_HOST khi VECTOR_STORE=pinecone',
      });
  }
  const zaloKeys = ['ZALO_APP_ID', 'ZALO_APP_SECRET', 'ZALO_OA_SECRET_KEY'] as const;
  const zaloSet = zaloKeys.filter((k) => raw[k]);
  if (zaloSet.length > 0 && zaloSet.length < 3) {
    for (const k of zaloKeys.filter((k) => !raw[k]))
      problems.push({ variable: k, message: 'cần có cùng ZALO_APP_ID, ZALO_APP_SECRET và ZALO_OA_SECRET_KEY' });
  }
  if (raw.TELEGRAM_WEBHOOK_URL && !raw.TELEGRAM_BOT_TOKEN)
    problems.push({ variable: 'TELEGRAM_BOT_TOKEN', message: 'cần có khi đặt TELEGRAM_WEBHOOK_URL' });
  if (raw.TELEGRAM_WEBHOOK_URL && !raw.TELEGRAM_WEBHOOK_SECRET)
    problems.push({
      variable: 'TELEGRAM_WEBHOOK_SECRET',
      message: 'cần có khi đặt TELEGRAM_WEBHOOK_URL (Telegram gửi lại trong header X-Telegram-Bot-Api-Secret-Token)',
    });
  return problems;
}

/** Resolved configuration handed to every part of the service by main.ts. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  knowledgeDir: string;
  settingsDir: string;
  logLevel: string;
  publicBaseUrl: string | undefined;
  /** TRUST_PROXY entries: whose X-Forwarded-For is believed. */
  trustProxy: string[];
  /** EMBED_ORIGINS: sites that may frame the web chat and receive its messages. */
  embedOrigins: string[];
  /** WEB_UPLOAD_MAX_BYTES: largest file attached in the web chat. */
  webUploadMaxBytes: number;
  addressForm: 'Bạn' | 'Quý vị';
  /** Contact for residents who ask for a person (conversation); unset ⇒ not shown. */
  supportContact: string | undefined;
  answerMode: 'extractive' | 'llm';
  retrievalMode: 'lexical' | 'hybrid';
  vectorStore: 'pgvector' | 'pinecone';
  openai: {
    apiKey: string | undefined;
    baseURL: string | undefined;
    chatModel: string;
    /** Chat timeout; past it the extractive answer is sent. */
    chatTimeoutMs: number;
    embeddingModel: string;
    embeddingDimensions: number;
  };
  pinecone: { apiKey: string | undefined; index: string | undefined; host: string | undefined };
  telegram: {
    token: string | undefined;
    webhookUrl: string | undefined;
    webhookSecret: string | undefined;
    apiRoot: string;
    /** Outgoing messages per second per chat / overall. */
    ratePerChat: number;
    rateGlobal: number;
    /** Photos and documents kept up to this size (10 MB where a caller builds this by hand). */
    maxDownloadBytes?: number | undefined;
  };
  /** The Zalo OA channel; `enabled` when app id, app secret, OA secret key and a refresh token source are set. */
  zalo: {
    enabled: boolean;
    appId: string | undefined;
    /** Secrets: never logged. */
    appSecret: string | undefined;
    oaSecretKey: string | undefined;
    refreshToken: string | undefined;
    apiBase: string;
    oauthBase: string;
    webhookMaxAgeMs: number;
    ratePerUser: number;
    rateGlobal: number;
    maxDownloadBytes: number;
  };
  indexOnStart: boolean;
  /** The officers' console: second factor required, session timeouts. */
  console: { requireSecondFactor: boolean; sessionIdleMs: number; sessionMaxMs: number };
  /** AUDIT_KEY and AUDIT_KEY_FILE (a secret: never logged). */
  audit: { key: string | undefined; keyFile: string | undefined };
  /** TEST ONLY (TIEPDAN_TEST_CRASH_AFTER): where the crash tests make the process kill itself. */
  testCrashAfter: 'ticket-commit' | 'zalo-token-stored' | undefined;
}

/**
 * Reads and validates the environment once. A wrong value throws CONFIG_INVALID naming every bad variable.
 * @param env usually process.env; tests pass their own object.
 * @param cwd base for relative paths.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): Config {
  const raw = normaliseEnv(env);
  const parsed = envFields.safeParse(raw, { error: vietnameseIssue });
  const problems: Problem[] = [
    ...(parsed.error?.issues ?? []).map((i) => ({ variable: i.path.join('.'), message: i.message })),
    ...missingCompanions(raw),
  ];
  if (!parsed.success || problems.length > 0) {
    const lines = problems.map((p) => `${p.variable}: ${p.message}`);
    throw new AppError('CONFIG_INVALID', `Invalid configuration: ${lines.join('; ')}`, {
      userMessage: `Cấu hình không hợp lệ:\n${lines.map((l) => `  - ${l}`).join('\n')}`,
      details: { variables: [...new Set(problems.map((p) => p.variable))] },
    });
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(cwd, e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    knowledgeDir: path.resolve(cwd, e.KNOWLEDGE_DIR),
    settingsDir: path.resolve(cwd, e.SETTINGS_DIR),
    logLevel: e.LOG_LEVEL,
    publicBaseUrl: e.PUBLIC_BASE_URL,
    trustProxy: e.TRUST_PROXY,
    embedOrigins: e.EMBED_ORIGINS,
    webUploadMaxBytes: e.WEB_UPLOAD_MAX_BYTES,
    addressForm: e.ADDRESS_FORM,
    supportContact: e.SUPPORT_CONTACT,
    answerMode: e.ANSWER_MODE,
    retrievalMode: e.RETRIEVAL_MODE,
    vectorStore: e.VECTOR_STORE,
    openai: {
      apiKey: e.OPENAI_API_KEY,
      baseURL: e.OPENAI_BASE_URL,
      chatModel: e.LLM_MODEL,
      chatTimeoutMs: e.LLM_TIMEOUT_MS,
      embeddingModel: e.EMBEDDING_MODEL,
      embeddingDimensions: e.EMBEDDING_DIMENSIONS,
    },
    pinecone: { apiKey: e.PINECONE_API_KEY, index: e.PINECONE_INDEX, host: e.PINECONE_HOST },
    telegram: {
      token: e.TELEGRAM_BOT_TOKEN,
      webhookUrl: e.TELEGRAM_WEBHOOK_URL,
      webhookSecret: e.TELEGRAM_WEBHOOK_SECRET,
      apiRoot: e.TELEGRAM_API_ROOT.replace(/\/+$/, ''),
      ratePerChat: e.TELEGRAM_RATE_PER_CHAT,
      rateGlobal: e.TELEGRAM_RATE_GLOBAL,
      maxDownloadBytes: e.TELEGRAM_MAX_DOWNLOAD_BYTES,
    },
    zalo: {
      enabled: Boolean(e.ZALO_APP_ID && e.ZALO_APP_SECRET && e.ZALO_OA_SECRET_KEY),
      appId: e.ZALO_APP_ID,
      appSecret: e.ZALO_APP_SECRET,
      oaSecretKey: e.ZALO_OA_SECRET_KEY,
      refreshToken: e.ZALO_REFRESH_TOKEN,
      apiBase: e.ZALO_API_BASE.replace(/\/+$/, ''),
      oauthBase: e.ZALO_OAUTH_BASE.replace(/\/+$/, ''),
      webhookMaxAgeMs: e.ZALO_WEBHOOK_MAX_AGE_SECONDS * 1000,
      ratePerUser: e.ZALO_RATE_PER_USER,
      rateGlobal: e.ZALO_RATE_GLOBAL,
      maxDownloadBytes: e.ZALO_MAX_DOWNLOAD_BYTES,
    },
    indexOnStart: e.INDEX_ON_START,
    console: {
      requireSecondFactor: e.CONSOLE_REQUIRE_2FA,
      sessionIdleMs: e.CONSOLE_SESSION_IDLE_MINUTES * 60_000,
      sessionMaxMs: e.CONSOLE_SESSION_MAX_HOURS * 3_600_000,
    },
    audit: { key: e.AUDIT_KEY, keyFile: e.AUDIT_KEY_FILE ? path.resolve(cwd, e.AUDIT_KEY_FILE) : undefined },
    testCrashAfter: e.TIEPDAN_TEST_CRASH_AFTER,
  };
}
