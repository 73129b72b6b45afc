// Every setting of tiepdan, validated once by one zod schema. Nothing else reads process.env.
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../shared/errors.js';

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const optionalUrl = (protocols: string[]) =>
  optionalString.refine((v) => v === undefined || protocols.some((p) => v.startsWith(p)), {
    message: `phải bắt đầu bằng ${protocols.join(' hoặc ')}`,
  });

const boolFromEnv = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
    .optional()
    .transform((v) => (v === undefined || v === '' ? fallback : ['true', '1', 'yes'].includes(v)));

const intFromEnv = (fallback: number, min: number, max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `phải là số nguyên từ ${min} đến ${max}` });
        return z.NEVER;
      }
      return n;
    });

/** The environment variables tiepdan understands, with their defaults (mirrored in .env.example). */
export const envSchema = z.object({
  PORT: intFromEnv(3000, 0, 65535),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: optionalUrl(['postgres://', 'postgresql://']),
  KNOWLEDGE_DIR: z.string().min(1).default('./knowledge'),
  SETTINGS_DIR: z.string().min(1).default('./settings'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PUBLIC_BASE_URL: optionalUrl(['http://', 'https://']),
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
  TELEGRAM_WEBHOOK_URL: optionalUrl(['https://', 'http://']),
  TELEGRAM_WEBHOOK_SECRET: optionalString,
  TELEGRAM_API_ROOT: z.string().url().default('https://api.telegram.org'),
  /** Outgoing messages per second to one chat, and over all chats (Telegram's limits: about 1 and 30). */
  TELEGRAM_RATE_PER_CHAT: intFromEnv(1, 1, 1000),
  TELEGRAM_RATE_GLOBAL: intFromEnv(30, 1, 100000),

  /** Index knowledge/ when the knowledge base is empty at start-up. */
  INDEX_ON_START: boolFromEnv(true),

  /**
   * TEST ONLY — never set in production. `ticket-commit`: the process kills itself (SIGKILL) right after a
   * ticket is committed, before anything is sent (the tickets crash test, test/tickets/crash.test.ts).
   */
  TIEPDAN_TEST_CRASH_AFTER: z
    .enum(['ticket-commit', ''])
    .optional()
    .transform((v) => (v === '' ? undefined : v)),
});

export type Env = z.input<typeof envSchema>;

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
  };
  indexOnStart: boolean;
  /** TEST ONLY (TIEPDAN_TEST_CRASH_AFTER): where the crash tests make the process kill itself. */
  testCrashAfter: 'ticket-commit' | undefined;
}

/**
 * Reads and validates the environment once. A wrong value throws CONFIG_INVALID naming every bad variable.
 * @param env usually process.env; tests pass their own object.
 * @param cwd base for relative paths.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new AppError('CONFIG_INVALID', `Invalid configuration: ${problems.join('; ')}`, {
      userMessage: `Cấu hình không hợp lệ:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
      details: { variables: parsed.error.issues.map((i) => i.path.join('.')) },
    });
  }
  const e = parsed.data;
  const problems: string[] = [];
  // a local OpenAI-compatible server (vLLM, Ollama) set through OPENAI_BASE_URL needs no key
  if (e.ANSWER_MODE === 'llm' && !e.OPENAI_API_KEY && !e.OPENAI_BASE_URL)
    problems.push('OPENAI_API_KEY: cần có khi ANSWER_MODE=llm (hoặc đặt OPENAI_BASE_URL tới máy chủ nội bộ)');
  if (e.RETRIEVAL_MODE === 'hybrid' && !e.OPENAI_API_KEY && !e.OPENAI_BASE_URL)
    problems.push('OPENAI_API_KEY: cần có khi RETRIEVAL_MODE=hybrid (hoặc đặt OPENAI_BASE_URL tới máy chủ nội bộ)');
  if (e.RETRIEVAL_MODE === 'hybrid' && e.VECTOR_STORE === 'pinecone') {
    if (!e.PINECONE_API_KEY) problems.push('PINECONE_API_KEY: cần có khi VECTOR_STORE=pinecone');
    if (!e.PINECONE_INDEX && !e.PINECONE_HOST)
      problems.push('PINECONE_INDEX: cần PINECONE_INDEX hoặc PINECONE_HOST khi VECTOR_STORE=pinecone');
  }
  if (e.TELEGRAM_WEBHOOK_URL && !e.TELEGRAM_BOT_TOKEN)
    problems.push('TELEGRAM_BOT_TOKEN: cần có khi đặt TELEGRAM_WEBHOOK_URL');
  if (e.TELEGRAM_WEBHOOK_URL && !e.TELEGRAM_WEBHOOK_SECRET) {
    problems.push(
      'TELEGRAM_WEBHOOK_SECRET: cần có khi đặt TELEGRAM_WEBHOOK_URL (Telegram gửi lại trong header X-Telegram-Bot-Api-Secret-Token)',
    );
  }
  if (e.TELEGRAM_WEBHOOK_SECRET && !/^[A-Za-z0-9_-]{1,256}$/.test(e.TELEGRAM_WEBHOOK_SECRET)) {
    problems.push('TELEGRAM_WEBHOOK_SECRET: chỉ gồm A-Z, a-z, 0-9, _ và -, tối đa 256 ký tự');
  }
  if (problems.length > 0) {
    throw new AppError('CONFIG_INVALID', `Invalid configuration: ${problems.join('; ')}`, {
      userMessage: `Cấu hình không hợp lệ:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
      details: { variables: problems.map((p) => p.split(':')[0]) },
    });
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(cwd, e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    knowledgeDir: path.resolve(cwd, e.KNOWLEDGE_DIR),
    settingsDir: path.resolve(cwd, e.SETTINGS_DIR),
    logLevel: e.LOG_LEVEL,
    publicBaseUrl: e.PUBLIC_BASE_URL,
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
    },
    indexOnStart: e.INDEX_ON_START,
    testCrashAfter: e.TIEPDAN_TEST_CRASH_AFTER,
  };
}
