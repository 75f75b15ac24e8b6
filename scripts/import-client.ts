/**
 * Calls the racing import mutations over HTTP: the one function the import CLI, the seed and a
 * future `dfs` CLI share. It never talks to Neo4j: the API validates, authorises and writes.
 * A rejected file comes back as ImportRejectedError carrying every issue (line, column, reason).
 */
import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import {
  ImportDkSalariesDocument,
  ImportFdSalariesDocument,
  ImportPayoutsDocument,
  ImportResultsDocument,
  type ImportPayoutsInput,
  type ImportReportFieldsFragment,
  type ImportSalariesInput,
} from '../client/__generated__/operations.js';

export type ImportCommand = 'results' | 'dk-salaries' | 'fd-salaries' | 'payouts';
export const IMPORT_COMMANDS: readonly ImportCommand[] = ['results', 'dk-salaries', 'fd-salaries', 'payouts'];
export const DEFAULT_API_URL = 'http://127.0.0.1:4000/graphql';

export type ImportReport = ImportReportFieldsFragment;

export interface ImportIssue {
  readonly line: number;
  readonly column: string | null;
  readonly reason: string;
}

export interface ImportCall {
  readonly command: ImportCommand;
  /** The file's text. */
  readonly text: string;
  readonly lenient?: boolean;
  readonly dryRun?: boolean;
  /** Salary imports: which race/slate (see ImportSalariesInput). */
  readonly slate?: Omit<ImportSalariesInput, 'csv' | 'lenient' | 'dryRun'>;
  /** Payout imports: format and contest fields (see ImportPayoutsInput). */
  readonly payouts?: Omit<ImportPayoutsInput, 'text' | 'lenient' | 'dryRun'>;
}

export interface ClientOptions {
  /** @default DEFAULT_API_URL */
  readonly url?: string;
  /** Sent as `x-api-key` (API keys) … */
  readonly apiKey?: string;
  /** … or as `Authorization: Bearer` (JWTs). */
  readonly token?: string;
}

/** The API refused the file: nothing was written. */
export class ImportRejectedError extends Error {
  override readonly name = 'ImportRejectedError';
  constructor(
    message: string,
    readonly issues: readonly ImportIssue[],
    readonly issueCount: number,
  ) {
    super(message);
  }
}

/** Any other failure (unreachable API, not allowed, body too large...), with the API's error code. */
export class ImportCallError extends Error {
  override readonly name = 'ImportCallError';
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

export async function importOverGraphql(call: ImportCall, opts: ClientOptions = {}): Promise<ImportReport> {
  const flags = { lenient: call.lenient ?? false, dryRun: call.dryRun ?? false };
  switch (call.command) {
    case 'results':
      return (await post(ImportResultsDocument, { input: { csv: call.text, ...flags } }, opts)).importResults;
    case 'dk-salaries':
      return (await post(ImportDkSalariesDocument, { input: { ...call.slate, csv: call.text, ...flags } }, opts)).importDkSalaries;
    case 'fd-salaries':
      return (await post(ImportFdSalariesDocument, { input: { ...call.slate, csv: call.text, ...flags } }, opts)).importFdSalaries;
    case 'payouts':
      if (!call.payouts?.format) throw new ImportCallError('payouts need a format (CSV or JSON)', 'BAD_USER_INPUT');
      return (await post(ImportPayoutsDocument, { input: { ...call.payouts, format: call.payouts.format, text: call.text, ...flags } }, opts)).importPayouts;
  }
}

async function post<T, V>(doc: TypedDocumentNode<T, V>, variables: V, opts: ClientOptions): Promise<T> {
  const url = opts.url ?? DEFAULT_API_URL;
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' };
  if (opts.apiKey) headers['x-api-key'] = opts.apiKey;
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query: print(doc), variables }) });
  } catch (err) {
    throw new ImportCallError(`the API is not reachable at ${url} (${(err as Error).cause ?? (err as Error).message}); start it with \`npm start\``, 'UNAVAILABLE');
  }
  if (res.status === 413) throw new ImportCallError(`the file is larger than the API accepts per request (MAX_BODY_BYTES); raise it or split the file (e.g. by season)`, 'PAYLOAD_TOO_LARGE');
  const body = (await res.json().catch(() => ({}))) as { data?: T | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  const err = body.errors?.[0];
  if (err) {
    const code = String(err.extensions?.code ?? `HTTP_${res.status}`);
    if (code === 'BAD_USER_INPUT' && Array.isArray(err.extensions?.issues)) throw new ImportRejectedError(err.message, err.extensions.issues as ImportIssue[], Number(err.extensions.issueCount ?? err.extensions.issues.length));
    const field = err.extensions?.field ? ` (${String(err.extensions.field)})` : '';
    throw new ImportCallError(`${err.message}${field}`, code);
  }
  if (!body.data) throw new ImportCallError(`unexpected response from ${url}: HTTP ${res.status}`, `HTTP_${res.status}`);
  return body.data;
}
