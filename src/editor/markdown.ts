// The hover card of an issue as a Markdown string. Pure: no VS Code import,
// so escaping and layout are unit-tested in plain Node. The adapter passes
// localized labels in and wraps the result in a MarkdownString whose trusted
// commands are exactly HOVER_COMMANDS, with HTML off.
//
// Safety rule: every piece of text from the server (summaries, statuses,
// names, link displays) goes through `escapeMarkdown`, which backslash-escapes
// every ASCII punctuation character. CommonMark then shows it literally, so a
// summary can never form a link, an image, an autolink, an HTML tag or an
// entity, and cannot break out of the line it is on.

import { groupLinks, type StatusCategory } from '../links/grouping';
import type { LinkGroupId } from '../links/relationships';
import type { Issue, IssueLink } from '../tracker/types';

/** The only commands a hover may run; the MarkdownString trusts exactly these. */
export const HOVER_COMMANDS = [
  'tracker.showLinks',
  'tracker.showLinkGraph',
  'tracker.linkToCurrent',
  'tracker.addLink',
  'tracker.openInTracker',
  'tracker.setCurrentIssue',
  'tracker.copyKey',
] as const;
export type HoverCommand = (typeof HOVER_COMMANDS)[number];

/** Linked issues listed per group before "+N more". */
const LINKS_PER_GROUP = 3;
/** Longest summary shown in the card's title; linked summaries are shorter. */
const MAX_SUMMARY = 200;
const MAX_LINKED_SUMMARY = 60;

const ASCII_PUNCTUATION = /[!-\/:-@\[-`{-~]/g;
// Line breaks, tabs and other control characters would start new blocks.
const CONTROL_OR_SPACE_RUN = /[\s\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/** One line of literal text: whitespace collapsed, all ASCII punctuation escaped. */
function escapeMarkdown(text: string): string {
  return String(text).replace(CONTROL_OR_SPACE_RUN, ' ').trim().replace(ASCII_PUNCTUATION, '\\$&');
}

/** Shortens to `max` characters (before escaping, so no escape is cut in half). */
function truncate(text: string, max: number): string {
  const t = String(text).replace(CONTROL_OR_SPACE_RUN, ' ').trim();
  if (t.length <= max) return t;
  return `${t.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}

/** `command:ID?<encoded JSON args>`: the form VS Code runs from trusted Markdown. */
export function commandUri(command: HoverCommand | string, ...args: unknown[]): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
}

/**
 * A link destination for an http(s) URL, or undefined for anything else (a
 * misconfigured web URL must not become a `command:` or `javascript:` link).
 * Characters that would end or confuse a Markdown destination are encoded.
 */
function safeUrl(url: string | undefined): string | undefined {
  if (!url || !/^https?:\/\/[^\s]+$/i.test(url)) return undefined;
  return url.replace(/[()<>"'\\`[\]{}|^ ]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** `[text](url)` with escaped text, or just the escaped text when the URL is refused. */
function link(text: string, url: string | undefined): string {
  const dest = safeUrl(url);
  return dest ? `[${escapeMarkdown(text)}](${dest})` : escapeMarkdown(text);
}

export interface HoverLabels {
  status: string;
  type: string;
  assignee: string;
  unassigned: string;
  noLinks: string;
  /** E.g. "+2 more". */
  more: (count: number) => string;
  /** Localized name of a link group. */
  group: (id: LinkGroupId) => string;
  /** Localized title of each action. */
  action: Record<HoverCommand, string>;
}

export interface IssueHoverModel {
  issue: Issue;
  /** Undefined when the links could not be loaded (see `linksError`). */
  links?: readonly IssueLink[];
  /** One line shown instead of the links. */
  linksError?: string;
  /** Actions offered, in order; each becomes a command link with the issue key. */
  actions: readonly HoverCommand[];
  /** Web URL of an issue (settings.issueUrl). */
  url: (key: string) => string;
  /** The server's status categories (links/statuses.ts); a guess from the keys without them. */
  categoryOf?: (link: IssueLink) => StatusCategory;
}

/** The full card: title, fields, actions, grouped links. */
export function buildIssueHover(m: IssueHoverModel, labels: HoverLabels): string {
  const { issue } = m;
  const parts: string[] = [];

  const summary = truncate(issue.summary ?? '', MAX_SUMMARY);
  parts.push(`**${link(issue.key, m.url(issue.key))}**${summary ? ` — ${escapeMarkdown(summary)}` : ''}`);

  const fields: string[] = [];
  const status = issue.status?.display ?? issue.status?.key;
  if (status) fields.push(`${escapeMarkdown(labels.status)}: *${escapeMarkdown(status)}*`);
  const type = issue.type?.display ?? issue.type?.key;
  if (type) fields.push(`${escapeMarkdown(labels.type)}: ${escapeMarkdown(type)}`);
  const assignee = issue.assignee?.display ?? issue.assignee?.login;
  fields.push(`${escapeMarkdown(labels.assignee)}: ${escapeMarkdown(assignee || labels.unassigned)}`);
  parts.push(fields.join(' · '));

  // Actions before the links: a long link list scrolls, the actions stay in view.
  if (m.actions.length) {
    parts.push(m.actions.map((a) => `[${escapeMarkdown(labels.action[a])}](${commandUri(a, issue.key)})`).join(' · '));
  }

  if (m.linksError !== undefined || !m.links) {
    parts.push(`*${escapeMarkdown(m.linksError ?? '')}*`);
  } else if (m.links.length === 0) {
    parts.push(`*${escapeMarkdown(labels.noLinks)}*`);
  } else {
    parts.push(linkGroupsMarkdown(m.links, labels, m.url, m.categoryOf));
  }

  return parts.join('\n\n');
}

/** One bullet per group: the first LINKS_PER_GROUP linked issues, then "+N more". */
function linkGroupsMarkdown(
  links: readonly IssueLink[],
  labels: HoverLabels,
  url: (key: string) => string,
  categoryOf?: (link: IssueLink) => StatusCategory,
): string {
  return groupLinks(links, categoryOf)
    .map((g) => {
      const shown = g.links.slice(0, LINKS_PER_GROUP).map((l) => {
        const key = l.object?.key ?? '';
        const summary = truncate(l.object?.display ?? '', MAX_LINKED_SUMMARY);
        const status = l.status?.display ?? l.status?.key;
        // Finished work is struck through, as Tracker shows closed issues.
        const done = categoryOf?.(l) === 'done';
        const text = summary && (done ? `~~${escapeMarkdown(summary)}~~` : escapeMarkdown(summary));
        return [link(key, key ? url(key) : undefined), text, status && `(*${escapeMarkdown(status)}*)`]
          .filter(Boolean)
          .join(' ');
      });
      const rest = g.count - shown.length;
      if (rest > 0) shown.push(escapeMarkdown(labels.more(rest)));
      return `- **${escapeMarkdown(labels.group(g.group.id))}** (${g.count}): ${shown.join(' · ')}`;
    })
    .join('\n');
}

/** A one-line card: "TREK-999 — not found", or the key with an error sentence. */
export function buildMessageHover(key: string, message: string, url?: string): string {
  return `**${link(key, url)}** — ${escapeMarkdown(message)}`;
}
