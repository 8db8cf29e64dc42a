/**
 * Edits of the watched X accounts in the sources file, as text: each edit touches only the array it
 * changes (jsonc-parser computes the minimal edit), so the rest of the file keeps its layout and order,
 * and the whole document is validated by the sources schema before it may be written. Pure: text in,
 * text out; the CLI does the reading and the atomic write.
 */
import { applyEdits, findNodeAtLocation, modify, parseTree, type Edit, type FormattingOptions, type Node as JsonNode } from 'jsonc-parser';
import { z } from 'zod';
import { parseSources, xHandleSchema, xSourceSchema, type XSourceConfig } from './sources.ts';

export const X_MODES = xSourceSchema.shape.mode.unwrap().options;
export type XMode = (typeof X_MODES)[number];

/** A change that cannot be made as asked; the message says why and what to do instead. */
export class AccountsEditError extends Error {}

export interface WatchedAccount {
  handle: string;
  sourceId: string;
  mode: XMode;
  enabled: boolean;
}

interface RawDoc {
  sources: Record<string, unknown>[];
}

function readDoc(text: string, label: string): { doc: RawDoc; sources: ReturnType<typeof parseSources> } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new AccountsEditError(`${label}: not valid JSON (${(e as Error).message}); fix it by hand first`);
  }
  let sources;
  try {
    sources = parseSources(doc, label);
  } catch (e) {
    throw new AccountsEditError(`${(e as Error).message}; fix it by hand first`);
  }
  return { doc: doc as RawDoc, sources };
}

export function parseHandle(raw: string): string {
  const r = xHandleSchema.safeParse(raw);
  if (!r.success) throw new AccountsEditError(`"${raw}" is not an X handle: 1-15 letters, digits or "_", with or without "@" (e.g. @OIRSpox)`);
  return r.data;
}

export function listAccounts(text: string, label: string): WatchedAccount[] {
  const { sources } = readDoc(text, label);
  return sources
    .filter((s): s is XSourceConfig => s.type === 'x')
    .flatMap((s) => s.accounts.map((handle) => ({ handle, sourceId: s.id, mode: s.mode, enabled: s.enabled })));
}

/** Indentation as the file has it (first indented line), so inserted text looks like its neighbours. */
function formatting(text: string): FormattingOptions {
  const indent = /\n([ \t]+)\S/.exec(text)?.[1] ?? '  ';
  return { insertSpaces: !indent.startsWith('\t'), tabSize: indent.startsWith('\t') ? 1 : indent.length, eol: text.includes('\r\n') ? '\r\n' : '\n' };
}

function validated(text: string, label: string): string {
  readDoc(text, label);
  return text;
}

/**
 * Array edits that keep the file's layout: an item is appended with the separator its neighbours use
 * (", " in a one-line list, a newline and their indentation in a spread one) and removed with one
 * separator. jsonc-parser's own modify() re-formats neighbouring items, so it is only the fallback for an
 * empty array.
 */
function arrayNode(text: string, path: (string | number)[]): JsonNode | undefined {
  const root = parseTree(text);
  const node = root && findNodeAtLocation(root, path);
  return node?.type === 'array' && node.children?.length ? node : undefined;
}

function lineIndent(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

function appendEdit(text: string, path: (string | number)[], value: unknown, fmt: FormattingOptions): Edit[] {
  const node = arrayNode(text, path);
  if (!node) return modify(text, [...path, -1], value, { formattingOptions: fmt, isArrayInsertion: true });
  const items = node.children!;
  const last = items.at(-1)!;
  const oneLine = !/[\r\n]/.test(text.slice(node.offset, node.offset + node.length));
  const indent = lineIndent(text, items[0]!.offset);
  const separator =
    items.length >= 2 ? text.slice(items.at(-2)!.offset + items.at(-2)!.length, last.offset) : oneLine ? ', ' : `,${fmt.eol}${indent}`;
  const unit = fmt.insertSpaces ? ' '.repeat(fmt.tabSize ?? 2) : '\t';
  const body = typeof value === 'object' && value !== null && !oneLine ? JSON.stringify(value, null, unit).split('\n').join(`${fmt.eol}${indent}`) : JSON.stringify(value);
  return [{ offset: last.offset + last.length, length: 0, content: separator + body }];
}

function removeEdit(text: string, path: (string | number)[], index: number, fmt: FormattingOptions): Edit[] {
  const node = arrayNode(text, path);
  const items = node?.children;
  if (!items || items.length < 2) return modify(text, [...path, index], undefined, { formattingOptions: fmt });
  const item = items[index]!;
  // Take one separator with it: the one before, or the one after the first item.
  const from = index > 0 ? items[index - 1]!.offset + items[index - 1]!.length : item.offset;
  const to = index > 0 ? item.offset + item.length : items[1]!.offset;
  return [{ offset: from, length: to - from, content: '' }];
}

const sourceIdSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/);

export interface AddResult {
  text: string;
  handle: string;
  sourceId: string;
  /** True when a new X source was added for it. */
  createdSource: boolean;
}

/**
 * Adds a handle to an X source: the one named by `source`, else the first one in `mode`, else the only X
 * source there is. With none to take it, a new source is added (`x-<mode>`, timeline mode by default).
 */
export function addAccount(text: string, label: string, rawHandle: string, opts: { mode?: string | undefined; source?: string | undefined } = {}): AddResult {
  const handle = parseHandle(rawHandle);
  if (opts.mode !== undefined && !(X_MODES as readonly string[]).includes(opts.mode)) throw new AccountsEditError(`--mode must be one of ${X_MODES.join(', ')} (got "${opts.mode}")`);
  const mode = opts.mode as XMode | undefined;
  const { sources } = readDoc(text, label);
  const xs = sources.map((s, index) => ({ s, index })).filter((e): e is { s: XSourceConfig; index: number } => e.s.type === 'x');
  const dup = xs.find((e) => e.s.accounts.some((a) => a.toLowerCase() === handle.toLowerCase()));
  if (dup) throw new AccountsEditError(`@${handle} is already watched by source "${dup.s.id}" (${dup.s.mode} mode)`);

  let target: { s: XSourceConfig; index: number } | undefined;
  if (opts.source !== undefined) {
    const named = sources.findIndex((s) => s.id === opts.source);
    if (named < 0) {
      if (!sourceIdSchema.safeParse(opts.source).success) throw new AccountsEditError(`--source "${opts.source}" is not a valid source id (lowercase letters, digits, "_" or "-")`);
    } else {
      const s = sources[named]!;
      if (s.type !== 'x') throw new AccountsEditError(`source "${opts.source}" is a ${s.type} source, not an X one`);
      if (mode && s.mode !== mode) throw new AccountsEditError(`source "${s.id}" polls in ${s.mode} mode, not ${mode}; leave out --mode or pick another source`);
      target = { s, index: named };
    }
  } else if (mode) {
    target = xs.find((e) => e.s.mode === mode);
  } else if (xs.length === 1) {
    target = xs[0];
  } else if (xs.length > 1) {
    throw new AccountsEditError(`there are several X sources (${xs.map((e) => `${e.s.id}: ${e.s.mode}`).join(', ')}); choose one with --source ID or --mode MODE`);
  }

  const fmt = formatting(text);
  if (target) {
    const edits = appendEdit(text, ['sources', target.index, 'accounts'], handle, fmt);
    return { text: validated(applyEdits(text, edits), label), handle, sourceId: target.s.id, createdSource: false };
  }
  const taken = new Set(sources.map((s) => s.id));
  let id = opts.source ?? `x-${mode ?? 'timeline'}`;
  for (let n = 2; taken.has(id); n++) id = `x-${mode ?? 'timeline'}-${n}`;
  const source = { type: 'x', id, mode: mode ?? 'timeline', accounts: [handle] };
  const edits = appendEdit(text, ['sources'], source, fmt);
  return { text: validated(applyEdits(text, edits), label), handle, sourceId: id, createdSource: true };
}

export interface RemoveResult {
  text: string;
  handle: string;
  sourceId: string;
  /** True when it was the source's last account, so the source went too (a source needs an account). */
  removedSource: boolean;
}

export function removeAccount(text: string, label: string, rawHandle: string): RemoveResult {
  const handle = parseHandle(rawHandle);
  const { sources } = readDoc(text, label);
  for (const [index, s] of sources.entries()) {
    if (s.type !== 'x') continue;
    const at = s.accounts.findIndex((a) => a.toLowerCase() === handle.toLowerCase());
    if (at < 0) continue;
    const fmt = formatting(text);
    const last = s.accounts.length === 1;
    const edits = last ? removeEdit(text, ['sources'], index, fmt) : removeEdit(text, ['sources', index, 'accounts'], at, fmt);
    return { text: validated(applyEdits(text, edits), label), handle: s.accounts[at]!, sourceId: s.id, removedSource: last };
  }
  const watched = listAccounts(text, label).map((a) => `@${a.handle}`);
  throw new AccountsEditError(`@${handle} is not watched${watched.length ? ` (watched: ${watched.join(', ')})` : ''}`);
}
