import * as vscode from 'vscode';
import { BACK, type QuickInputs, type Back } from './quickInput';
import type { Issue, TrackerApi } from '../tracker/types';
import type { Services } from './services';
import { describeError } from './errors';
import { normalizeKey } from '../keys/keys';
import { wasKeyText } from './issueWords';

export interface IssueItem extends vscode.QuickPickItem {
  key: string;
  issue?: Issue;
}

interface IssuePickOptions {
  id: string;
  title: string;
  step?: number;
  totalSteps?: number;
  placeholder?: string;
  /** Keys offered first (recent picks, keys in the active editor), in order. */
  suggested?: Array<{ key: string; why: string }>;
  /** Keys not to offer (the source itself, issues already linked that way). */
  exclude?: ReadonlySet<string>;
  canSelectMany?: boolean;
}

/** Why an item is offered first or marked in a pick. */
export type PickReason = 'recent' | 'inEditor' | 'current' | 'chosenBefore';

/** The words of a `PickReason` (an item's description), one wording for every pick that offers keys or marks a choice. */
export function pickReason(why: PickReason): string {
  switch (why) {
    case 'recent':
      return vscode.l10n.t('recent');
    case 'inEditor':
      return vscode.l10n.t('in the editor');
    case 'current':
      return vscode.l10n.t('current issue');
    case 'chosenBefore':
      return vscode.l10n.t('chosen before');
  }
}

function issueItem(i: Issue, why?: string): IssueItem {
  const bits = [i.status?.display ?? i.status?.key, i.assignee?.display, why].filter(Boolean);
  return { label: i.key, description: i.summary, detail: bits.join(' · ') || undefined, key: i.key, issue: i };
}

/**
 * Picks one or several issues: suggested keys first (with summaries loaded
 * in one request), live search as the user types (a key is looked up
 * directly, text through `_suggest`), and a typed key accepted at once.
 */
export function pickIssues(inputs: QuickInputs, api: () => TrackerApi, o: IssuePickOptions & { canSelectMany: true }): Promise<IssueItem[] | Back | undefined>;
export function pickIssues(inputs: QuickInputs, api: () => TrackerApi, o: IssuePickOptions): Promise<IssueItem | Back | undefined>;
export function pickIssues(inputs: QuickInputs, api: () => TrackerApi, o: IssuePickOptions): Promise<IssueItem | IssueItem[] | Back | undefined> {
  const excluded = (k: string) => !!o.exclude?.has(k.toUpperCase());
  const suggested = (o.suggested ?? []).filter((s, i, all) => !excluded(s.key) && all.findIndex((x) => x.key === s.key) === i);
  const common = {
    id: o.id,
    title: o.title,
    step: o.step,
    totalSteps: o.totalSteps,
    placeholder: o.placeholder ?? vscode.l10n.t('Type an issue key or words from its summary'),
    matchOnDescription: true,
    describeError,
    items: suggested.map((s) => ({ label: s.key, description: s.why, key: s.key }) as IssueItem),
    load: suggested.length
      ? async (signal: AbortSignal) => {
          const found = await api().searchIssues({ keys: suggested.map((s) => s.key) }, { signal, limit: suggested.length });
          const byKey = new Map(found.map((i) => [i.key.toUpperCase(), i]));
          // Keep the order of the suggestions; drop keys the server does not know.
          return suggested.flatMap((s) => {
            const i = byKey.get(s.key.toUpperCase());
            return i ? [issueItem(i, s.why)] : [];
          });
        }
      : undefined,
    search: async (value: string, signal: AbortSignal) => {
      const v = value.trim();
      const key = normalizeKey(v);
      const found = key ? await api().searchIssues({ keys: [key] }, { signal, limit: 1 }) : await api().suggestIssues(v, { signal });
      return found
        .filter((i) => !excluded(i.key))
        .map((i) => {
          // An old key finds the moved issue under its key now: show it although its label differs from what was typed.
          const was = key && i.key.toUpperCase() !== key ? key : undefined;
          return was ? { ...issueItem(i, wasKeyText(was)), alwaysShow: true } : issueItem(i);
        });
    },
    standsFor: (item: IssueItem, value: string) => !!item.issue?.aliases?.some((a) => a.toUpperCase() === value.trim().toUpperCase()),
    acceptValue: (value: string) => {
      const key = normalizeKey(value);
      if (!key || excluded(key)) return undefined;
      return { label: key, description: vscode.l10n.t('Use this key'), key } as IssueItem;
    },
  };
  return o.canSelectMany ? inputs.pick<IssueItem>({ ...common, canSelectMany: true }) : inputs.pick<IssueItem>(common);
}

/** What asking a command's issue needs. */
type IssueAsker = Pick<Services, 'connection' | 'inputs' | 'api' | 'editorKeys' | 'current'>;

/**
 * The issue of a command that was given none. Signed out there is nothing to
 * search, so the sign-in runs instead; else a pick offering the keys in the
 * editor, then the recent ones (`recentFirst`: the other way round).
 * Undefined when the user gives up.
 */
export async function askForIssue(
  s: IssueAsker,
  o: { id: string; title: string; recentFirst?: boolean; exclude?: ReadonlySet<string> },
): Promise<string | undefined> {
  if (!(await s.connection.isSignedIn())) {
    void vscode.commands.executeCommand('tracker.signIn');
    return undefined;
  }
  const inEditor = s.editorKeys().map((key) => ({ key, why: pickReason('inEditor') }));
  const recent = s.current.recent.map((key) => ({ key, why: pickReason('recent') }));
  const picked = await pickIssues(s.inputs, s.api, {
    id: o.id,
    title: o.title,
    suggested: o.recentFirst ? [...recent, ...inEditor] : [...inEditor, ...recent],
    exclude: o.exclude,
  });
  return picked && picked !== BACK ? picked.key : undefined;
}
