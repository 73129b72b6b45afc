// Builds (or restores from the DATA_DIR snapshot) the search index of a knowledge store, and keeps it in step
// with the store's revision.
import path from 'node:path';
import type { Logger } from '../../shared/logger.js';
import type { IndexedChunk } from '../types.js';
import { loadSynonyms, type SynonymTable } from '../vietnamese/index.js';
import { type AliasTable, loadAliases } from './aliases.js';
import { DEFAULT_RANKING, LexicalIndex, type RankingParams } from './lexical-index.js';
import { LexicalRetriever } from './lexical-retriever.js';
import { loadOffDomain } from './off-domain.js';
import type { QueryParams } from './query.js';
import { loadIndexSnapshot, saveIndexSnapshot } from './snapshot.js';

/** The part of the KnowledgeStore port the search needs. */
export interface ChunkSource {
  loadChunks(): Promise<IndexedChunk[]>;
  getRevision(): Promise<number>;
}

export interface OpenKnowledgeSearchOptions {
  store: ChunkSource;
  /** Where the index snapshot lives (DATA_DIR); without it the index is built in memory every time. */
  dataDir?: string | undefined;
  /** knowledge/synonyms.txt; read again on every refresh, so staff edits apply without a restart. */
  synonymsFile?: string | undefined;
  /** A fixed table instead of a file (tests). */
  synonyms?: SynonymTable | undefined;
  /**
   * knowledge/aliases/: sample questions and everyday names per procedure, indexed as their own field. Read
   * again on every refresh, like the synonyms.
   */
  aliasesDir?: string | undefined;
  /** A fixed aliases table instead of the folder (tests). */
  aliases?: AliasTable | undefined;
  /**
   * Read the aliases folder after the index is ready instead of before (the service: reading and indexing the
   * YAML of 2,642 records takes seconds, and the first residents should not wait for it). Until then questions
   * are ranked without the aliases field.
   */
  aliasesInBackground?: boolean | undefined;
  /** knowledge/off-domain.txt: topics the knowledge base does not handle (one evidence for abstaining). */
  offDomainFile?: string | undefined;
  ranking?: Partial<RankingParams> | undefined;
  query?: Partial<QueryParams> | undefined;
  abstainBelow?: number | undefined;
  logger?: Pick<Logger, 'info' | 'warn'> | undefined;
}

export interface KnowledgeSearch {
  /** The Retriever port implementation; it keeps working across refreshes. */
  retriever: LexicalRetriever;
  /** The synonyms in use (the extractive writer uses them too). */
  synonyms(): SynonymTable;
  /** Revision of the knowledge base the index was built from. */
  revision(): number;
  /** Rebuilds the index when the store's revision changed (and re-reads the synonyms). True if rebuilt. */
  refresh(): Promise<boolean>;
  /** Settles once the aliases are in the index (at once unless `aliasesInBackground`). */
  aliasesReady: Promise<void>;
  /** How the index was obtained at start-up (for the start-up log and the bench). */
  origin: 'snapshot' | 'built';
}

export function snapshotFile(dataDir: string): string {
  return path.join(dataDir, 'search', 'search-index.bin');
}

async function readSynonyms(options: OpenKnowledgeSearchOptions): Promise<SynonymTable> {
  if (options.synonyms) return options.synonyms;
  if (!options.synonymsFile) return { rules: [], problems: [] };
  const table = await loadSynonyms(options.synonymsFile);
  for (const problem of table.problems)
    options.logger?.warn(
      { file: options.synonymsFile, line: problem.line, problem: problem.message },
      'synonym line skipped',
    );
  return table;
}

async function readAliases(options: OpenKnowledgeSearchOptions): Promise<AliasTable | undefined> {
  if (options.aliases) return options.aliases;
  if (!options.aliasesDir) return undefined;
  const { entries, problems } = await loadAliases(options.aliasesDir);
  for (const problem of problems) options.logger?.warn(problem, 'aliases entry skipped');
  return entries;
}

async function indexFor(
  options: OpenKnowledgeSearchOptions,
  revision: number,
  params: RankingParams,
  mode: 'sync' | 'async',
  aliases: AliasTable | undefined,
): Promise<{ index: LexicalIndex; origin: 'snapshot' | 'built' }> {
  const file = options.dataDir ? snapshotFile(options.dataDir) : undefined;
  if (file) {
    const parts = await loadIndexSnapshot(file, revision);
    if (parts) return { index: LexicalIndex.fromParts(parts, params, aliases), origin: 'snapshot' };
  }
  const startedAt = Date.now();
  const chunks = await options.store.loadChunks();
  const index =
    mode === 'async'
      ? await LexicalIndex.buildAsync(chunks, params, undefined, aliases)
      : LexicalIndex.build(chunks, params, aliases);
  options.logger?.info({ chunks: chunks.length, revision, ms: Date.now() - startedAt }, 'search index built');
  if (file) {
    // a snapshot that cannot be written only costs the next start-up some time
    await saveIndexSnapshot(file, index.toParts(), revision).catch((error: unknown) =>
      options.logger?.warn({ err: (error as Error).message }, 'search index snapshot not written'),
    );
  }
  return { index, origin: 'built' };
}

function sameAliases(a: AliasTable | undefined, b: AliasTable | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.size !== b.size) return false;
  for (const [code, entry] of a) {
    const other = b.get(code);
    if (!other || JSON.stringify(other) !== JSON.stringify(entry)) return false;
  }
  return true;
}

/** Opens the search over a knowledge store: snapshot when it matches the store's revision, else a build. */
export async function openKnowledgeSearch(options: OpenKnowledgeSearchOptions): Promise<KnowledgeSearch> {
  const params = { ...DEFAULT_RANKING, ...options.ranking };
  let revision = await options.store.getRevision();
  let synonyms = await readSynonyms(options);
  const background = options.aliasesInBackground === true && !options.aliases;
  let aliases = background ? undefined : await readAliases(options);
  const first = await indexFor(options, revision, params, 'sync', aliases);
  const retriever = new LexicalRetriever({
    index: first.index,
    synonyms,
    offDomain: options.offDomainFile ? await loadOffDomain(options.offDomainFile) : [],
    query: options.query,
    abstainBelow: options.abstainBelow,
  });
  const aliasesReady = background
    ? (async () => {
        await new Promise((resolve) => setImmediate(resolve));
        try {
          const table = await readAliases(options);
          aliases = table;
          if (table && table.size > 0) retriever.replace({ index: retriever.index.withAliases(table) });
        } catch (error) {
          options.logger?.warn({ err: (error as Error).message }, 'aliases not loaded');
        }
      })()
    : Promise.resolve();
  let refreshing: Promise<boolean> | undefined;
  /** A refresh asked for while one runs: it starts when that one ends (one waits at most; later callers share it). */
  let queued: Promise<boolean> | undefined;
  const refresh = (): Promise<boolean> => {
    // One refresh at a time. A caller arriving meanwhile does not share the running one: that one may have read
    // the revision before the caller's change (a `kb add` or a console upload just committed), so the caller gets
    // the next one, which starts when the running one ends.
    if (refreshing) {
      const running = refreshing;
      queued ??= running
        .catch(() => false)
        .then(() => {
          queued = undefined;
          return refresh();
        });
      return queued;
    }
    refreshing = (async () => {
      try {
        await aliasesReady;
        synonyms = await readSynonyms(options);
        retriever.replace({
          synonyms,
          offDomain: options.offDomainFile ? await loadOffDomain(options.offDomainFile) : [],
        });
        const nextAliases = await readAliases(options);
        const current = await options.store.getRevision();
        if (current === revision) {
          // edited sample questions apply without a rebuild of the records' postings
          if (!sameAliases(aliases, nextAliases)) {
            aliases = nextAliases;
            retriever.replace({ index: retriever.index.withAliases(aliases) });
          }
          return false;
        }
        aliases = nextAliases;
        const next = await indexFor(options, current, params, 'async', aliases);
        retriever.replace({ index: next.index });
        revision = current;
        return true;
      } finally {
        refreshing = undefined;
      }
    })();
    return refreshing;
  };
  return {
    retriever,
    synonyms: () => synonyms,
    revision: () => revision,
    origin: first.origin,
    aliasesReady,
    refresh,
  };
}
