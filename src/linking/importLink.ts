// `Tracker: Import Link…`: one link with its original authorship through
// `_import`. Every value is checked in its own box before anything is sent;
// what only the server can judge (dates outside the issues' lifetime, edit
// rights) comes back as a message naming the field, with a way to fix it.

import * as vscode from 'vscode';
import { BACK, runSteps, type Step } from '../kernel/quickInput';
import { pickIssues, pickReason } from '../kernel/issuePicker';
import { importableRelationships, type RelationshipInfo } from '../links/relationships';
import { importBody, parseUserRef, type ImportRow } from '../links/importRows';
import { parseLinkDate } from '../links/importDates';
import type { Services } from '../kernel/services';
import { answerLostText, settleIssueLink, unknownOutcomeText } from '../kernel/ambiguous';
import { authorProblem } from '../kernel/authorInput';
import { fixButtons } from '../kernel/errors';
import { ensureSignedIn, showWithOpenButtons, pickSourceIssue, suggestedKeys, targetPlaceholder, withCancellableProgress, type WriteOutcome } from './common';
import { dateProblemText, failureReason, relationshipLabel, relationshipSentence } from './text';

export interface ImportLinkResult extends WriteOutcome {
  row?: ImportRow;
  created: boolean;
}

/** What the user typed, kept as typed so "Change and Retry" shows it again. */
interface State {
  source?: string;
  relationship?: RelationshipInfo;
  target?: string;
  createdBy?: string;
  createdAt?: string;
  updatedBy?: string;
  updatedAt?: string;
}

interface RelItem extends vscode.QuickPickItem {
  rel: RelationshipInfo;
}

/**
 * `preset.source` (a command argument) skips the source step; `previous`
 * (after a refusal) fills every step with what was typed, Enter keeps it.
 */
export async function importLink(s: Services, preset: { source?: string } = {}, previous?: State): Promise<ImportLinkResult> {
  const result: ImportLinkResult = { created: false, cancelled: true };
  if (!(await ensureSignedIn(s))) return result;
  const title = vscode.l10n.t('Import Link');
  const state: State = { ...previous, ...(preset.source ? { source: preset.source } : {}) };
  // Without the source step the counter starts at the relationship.
  const skipped = preset.source ? 1 : 0;
  const total = 7 - skipped;
  const step = (n: number) => n - skipped;

  const askSource: Step<State> = async (st) => {
    const r = await pickSourceIssue(s, { id: 'importLink.source', title, totalSteps: total, chosenBefore: st.source });
    if (r === undefined || r === BACK) return r;
    st.source = r.key;
    return askRelationship;
  };

  const askRelationship: Step<State> = async (st) => {
    const source = st.source as string;
    // All 11, clone/original included: the import endpoint takes them all.
    const items: RelItem[] = importableRelationships().map((rel) => ({
      label: relationshipLabel(rel.value),
      description: relationshipSentence(rel, source, st.target),
      detail: rel.importOnly ? vscode.l10n.t('Import only') : undefined,
      rel,
    }));
    const current = items.find((i) => i.rel.value === st.relationship?.value);
    const r = await s.inputs.pick<RelItem>({
      id: 'importLink.relationship',
      title,
      step: step(2),
      totalSteps: total,
      placeholder: vscode.l10n.t('How is {0} related to the other issue?', source),
      items: current ? [current, ...items.filter((i) => i !== current)] : items,
    });
    if (r === undefined || r === BACK) return r;
    st.relationship = r.rel;
    return askTarget;
  };

  const askTarget: Step<State> = async (st) => {
    const source = st.source as string;
    const r = await pickIssues(s.inputs, s.api, {
      id: 'importLink.target',
      title,
      step: step(3),
      totalSteps: total,
      placeholder: targetPlaceholder(st.relationship as RelationshipInfo, source),
      suggested: [...(st.target ? [{ key: st.target, why: pickReason('chosenBefore') }] : []), ...suggestedKeys(s, source)],
      exclude: new Set([source.toUpperCase()]),
    });
    if (r === undefined || r === BACK) return r;
    st.target = r.key;
    return askCreatedBy;
  };

  const askCreatedBy: Step<State> = async (st) => {
    const r = await s.inputs.input({
      id: 'importLink.createdBy',
      title,
      step: step(4),
      totalSteps: total,
      prompt: vscode.l10n.t('Who created the link originally: a login or a numeric uid'),
      placeholder: 'alice.morgan / 1120000000002001',
      value: st.createdBy,
      validate: (v) => authorProblem(v),
    });
    if (r === undefined || r === BACK) return r;
    st.createdBy = r.trim();
    return askCreatedAt;
  };

  const dateHint = vscode.l10n.t('e.g. 2024-05-01T10:00:00Z, 2024-05-01T10:00:00+03:00, 2024-05-01 or 2024-05-01T10:00:00.000+0300');

  const askCreatedAt: Step<State> = async (st) => {
    const r = await s.inputs.input({
      id: 'importLink.createdAt',
      title,
      step: step(5),
      totalSteps: total,
      prompt: vscode.l10n.t('When the link was created ({0})', dateHint),
      placeholder: '2024-05-01T10:00:00Z',
      value: st.createdAt,
      validate: (v) => {
        const d = parseLinkDate(v);
        return d.ok ? undefined : dateProblemText(d.problem);
      },
    });
    if (r === undefined || r === BACK) return r;
    st.createdAt = r.trim();
    return askUpdatedBy;
  };

  const askUpdatedBy: Step<State> = async (st) => {
    const r = await s.inputs.input({
      id: 'importLink.updatedBy',
      title,
      step: step(6),
      totalSteps: total,
      prompt: vscode.l10n.t('Who last changed it (optional): a login or uid. Leave empty to import no update info.'),
      value: st.updatedBy,
      validate: (v) => authorProblem(v, true),
    });
    if (r === undefined || r === BACK) return r;
    st.updatedBy = r.trim() || undefined;
    if (!st.updatedBy) {
      st.updatedAt = undefined;
      return 'done';
    }
    return askUpdatedAt;
  };

  const askUpdatedAt: Step<State> = async (st) => {
    const created = parseLinkDate(st.createdAt ?? '');
    const r = await s.inputs.input({
      id: 'importLink.updatedAt',
      title,
      step: step(7),
      totalSteps: total,
      prompt: vscode.l10n.t('When {0} last changed it ({1})', st.updatedBy ?? '', dateHint),
      value: st.updatedAt,
      validate: (v) => {
        if (!v.trim()) return vscode.l10n.t('updatedBy and updatedAt go together: enter the date too, or go back and clear updatedBy.');
        const d = parseLinkDate(v);
        if (!d.ok) return dateProblemText(d.problem);
        if (created.ok && d.date.ms < created.date.ms) return vscode.l10n.t('updatedAt is earlier than createdAt ({0}).', created.date.api);
        return undefined;
      },
    });
    if (r === undefined || r === BACK) return r;
    st.updatedAt = r.trim();
    return 'done';
  };

  let completed: boolean;
  try {
    completed = await runSteps(preset.source ? askRelationship : askSource, state);
  } catch (e) {
    s.errors.show(e, 'Import link');
    return result;
  }
  const row = completed ? toRow(state) : undefined;
  if (!row) return result;
  result.row = row;
  result.cancelled = false;
  const sentence = relationshipSentence(row.relationship, row.source, row.target);
  try {
    await withCancellableProgress(vscode.l10n.t('Importing the link…'), () => s.store.importLink(row.source, importBody(row)));
  } catch (e) {
    s.errors.logDetails(e, `Import link ${row.source} ${row.relationship} ${row.target}`);
    // Never sent again: after a 5xx, drop or timeout, read whether it is there.
    const v = await settleIssueLink(s, row.source, row.relationship, row.target, e);
    if (v.kind === 'created') {
      result.created = true;
      result.answerLost = true;
      await s.current.remember(row.target);
      result.summary = answerLostText(sentence);
      void showWithOpenButtons(s, (m, ...i) => vscode.window.showInformationMessage(m, ...i), result.summary, [row.target]);
      return result;
    }
    if (v.kind === 'unknown') {
      result.unknown = true;
      result.error = unknownOutcomeText(sentence, v);
      result.summary = result.error;
      const fix = fixButtons(s.log);
      void vscode.window.showWarningMessage(result.summary, ...fix.buttons).then(fix.act);
      return result;
    }
    result.error = failureReason(e, row.source);
    result.summary = vscode.l10n.t('Could not import "{0}": {1}', sentence, result.error);
    const retry = vscode.l10n.t('Change and Retry');
    void vscode.window.showErrorMessage(result.summary, retry).then((c) => {
      if (c === retry) void importLink(s, preset, { ...state });
    });
    return result;
  }
  result.created = true;
  s.log.info(`Imported: ${row.source} ${row.relationship} ${row.target} (${JSON.stringify(importBody(row))})`);
  await s.current.remember(row.target);
  result.summary = vscode.l10n.t('Imported: {0}.', sentence);
  void showWithOpenButtons(s, (m, ...i) => vscode.window.showInformationMessage(m, ...i), result.summary, [row.target]);
  return result;
}

function toRow(st: State): ImportRow | undefined {
  const createdBy = parseUserRef(st.createdBy ?? '');
  const createdAt = parseLinkDate(st.createdAt ?? '');
  if (!st.source || !st.relationship || !st.target || createdBy === undefined || !createdAt.ok) return undefined;
  const row: ImportRow = { source: st.source, relationship: st.relationship.value, target: st.target, createdBy, createdAt: createdAt.date.api };
  if (st.updatedBy && st.updatedAt) {
    const updatedBy = parseUserRef(st.updatedBy);
    const updatedAt = parseLinkDate(st.updatedAt);
    if (updatedBy === undefined || !updatedAt.ok) return undefined;
    row.updatedBy = updatedBy;
    row.updatedAt = updatedAt.date.api;
  }
  return row;
}

