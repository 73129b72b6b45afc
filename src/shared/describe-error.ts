// What a log line may say about a failure without quoting what the failure quoted.
/**
 * What may be logged about a failure: its class and code, never its message — driver and ORM messages can
 * quote the query's values, i.e. the resident's text.
 */
export function describeError(error: unknown): { errName: string; errCode?: string } {
  const name = error instanceof Error ? error.name : typeof error;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? { errName: name, errCode: code } : { errName: name };
}
