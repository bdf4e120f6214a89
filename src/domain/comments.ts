// Comment threads as plain data: grouping comments into threads, @mentions, the filters of the
// comments panel and the "new since your last visit" marks. No doc, no UI.
import type { Comment, Id } from './types';

export interface Thread {
  /** The thread's first comment: its place (touchpoint or cell) and `resolved`. */
  root: Comment;
  /** Oldest first. */
  replies: Comment[];
}

const byTime = (a: Comment, b: Comment) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1);

/**
 * Threads, newest activity first. Replies whose thread is gone (deleted while someone replied)
 * are not shown: a reply without its question is noise.
 */
export function threadsOf(comments: Iterable<Comment>): Thread[] {
  const roots = new Map<Id, Thread>();
  const replies: Comment[] = [];
  for (const c of comments) {
    if (c.parentId === '') roots.set(c.id, { root: c, replies: [] });
    else replies.push(c);
  }
  for (const r of replies.sort(byTime)) roots.get(r.parentId)?.replies.push(r);
  const lastActivity = (t: Thread) => t.replies.at(-1)?.createdAt ?? t.root.createdAt;
  return [...roots.values()].sort((a, b) => (lastActivity(a) < lastActivity(b) ? 1 : lastActivity(a) > lastActivity(b) ? -1 : 0));
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The people `text` mentions: `@` then one of `names` (longest first, so "@Anna Petrova" is not
 * read as "@Anna"), not inside a word (an e-mail address is no mention), case-insensitive.
 */
export function mentionsIn(text: string, names: readonly string[]): string[] {
  const found = new Set<string>();
  const sorted = [...new Set(names.map((n) => n.trim()).filter(Boolean))].sort((a, b) => b.length - a.length);
  if (sorted.length === 0) return [];
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])@(${sorted.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}_])`, 'giu');
  for (const m of text.matchAll(pattern)) {
    const name = sorted.find((n) => n.toLowerCase() === m[1]!.toLowerCase());
    if (name) found.add(name);
  }
  return [...found];
}

/** A piece of a comment's text: plain, or a mention of a known person (shown highlighted). */
export type TextPart = { text: string; mention: boolean };

export function splitMentions(text: string, names: readonly string[]): TextPart[] {
  const mentioned = mentionsIn(text, names).sort((a, b) => b.length - a.length);
  if (mentioned.length === 0) return [{ text, mention: false }];
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])(@(?:${mentioned.map(escapeRegExp).join('|')}))(?![\\p{L}\\p{N}_])`, 'giu');
  const parts: TextPart[] = [];
  let at = 0;
  for (const m of text.matchAll(pattern)) {
    if (m.index > at) parts.push({ text: text.slice(at, m.index), mention: false });
    parts.push({ text: m[0], mention: true });
    at = m.index + m[0].length;
  }
  if (at < text.length) parts.push({ text: text.slice(at), mention: false });
  return parts;
}

/**
 * The `@` query being typed at the caret (for autocomplete): the text after the last `@` that
 * starts a word, up to the caret; null when the caret is not in a mention.
 */
export function mentionQueryAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at < 0) return null;
  if (at > 0 && /[\p{L}\p{N}_]/u.test(before[at - 1]!)) return null;
  const query = before.slice(at + 1);
  // A name has at most a few words; a newline ends the mention.
  if (query.includes('\n') || query.length > 40) return null;
  return { start: at, query };
}

/** Names offered for `query`: starting with it first, then containing it; at most `limit`. */
export function suggestNames(names: readonly string[], query: string, limit = 6): string[] {
  const q = query.toLowerCase();
  const unique = [...new Set(names.map((n) => n.trim()).filter(Boolean))].sort((a, b) => a.localeCompare(b));
  const starts = unique.filter((n) => n.toLowerCase().startsWith(q));
  const contains = unique.filter((n) => !n.toLowerCase().startsWith(q) && n.toLowerCase().includes(q));
  return [...starts, ...contains].slice(0, limit);
}

export type ThreadFilter = 'open' | 'mine' | 'mentions' | 'resolved';

/** Who is looking: their identity id and the name others mention them by. */
export interface Viewer {
  id: string;
  name: string;
}

/**
 * The panel's filters. `open`: every unresolved thread. `mine`: unresolved threads I started or
 * replied to. `mentions`: unresolved threads where someone mentions me. `resolved`: resolved ones.
 */
export function filterThreads(threads: readonly Thread[], filter: ThreadFilter, viewer: Viewer, names: readonly string[]): Thread[] {
  if (filter === 'resolved') return threads.filter((t) => t.root.resolved);
  const open = threads.filter((t) => !t.root.resolved);
  if (filter === 'open') return open;
  const all = (t: Thread) => [t.root, ...t.replies];
  if (filter === 'mine') return open.filter((t) => all(t).some((c) => c.author === viewer.id));
  const known = [...names, viewer.name];
  const me = viewer.name.trim().toLowerCase();
  if (me === '') return [];
  return open.filter((t) => all(t).some((c) => c.author !== viewer.id && mentionsIn(c.text, known).some((n) => n.toLowerCase() === me)));
}

/**
 * Is `comment` new to the viewer: written by someone else after their last visit to this map?
 * `lastSeen` null: never visited before, so nothing is marked (everything would be).
 */
export const isNewSince = (comment: Comment, viewerId: string, lastSeen: string | null): boolean =>
  lastSeen !== null && comment.author !== viewerId && comment.createdAt > lastSeen;

/** Open threads per touchpoint or cell id (the badge on a card counts these). */
export function openThreadCounts(threads: readonly Thread[]): Map<Id, number> {
  const out = new Map<Id, number>();
  for (const t of threads) {
    if (t.root.resolved) continue;
    const place = t.root.touchpointId || t.root.cellId;
    out.set(place, (out.get(place) ?? 0) + 1);
  }
  return out;
}
