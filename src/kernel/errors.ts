import * as vscode from 'vscode';
import { isCancelled, isTrackerError, type TrackerError } from '../tracker/errors';
import { isEntityType, type EntityType } from '../tracker/types';

/**
 * Turns any failure into one short, actionable, localized sentence. This is
 * the one place where API errors become words for the user.
 */
export function describeError(e: unknown): string {
  return describe(e);
}

/** `edited`: what the caller was changing, named for the user; a 403 then says there are no rights to edit it. */
function describe(e: unknown, edited?: string): string {
  if (!isTrackerError(e)) {
    return e instanceof Error ? e.message : String(e);
  }
  const err = e as TrackerError;
  const server = inertText(err.errorMessages.filter(Boolean).join(' '));
  const withServer = (s: string) => (server ? `${s} (${server})` : s);
  switch (err.kind) {
    case 'unauthorized':
      return vscode.l10n.t('Not signed in to Tracker, or the token has expired: sign in again.');
    case 'forbidden':
      return withServer(forbidden(err, edited));
    case 'notFound':
      return notFound(err);
    case 'validation': {
      const fields = Object.entries(err.fieldErrors);
      if (fields.length) {
        // The sentence ends with our own full stop: the server's may not double it.
        return vscode.l10n.t('Tracker rejected {0}.', inertText(fields.map(([f, m]) => `"${f}": ${String(m).trim().replace(/\.+$/, '')}`).join('; ')));
      }
      return withServer(vscode.l10n.t('Tracker rejected the request.'));
    }
    case 'badRequest':
      return withServer(vscode.l10n.t('Tracker refused the request as invalid.'));
    case 'conflict':
      return withServer(vscode.l10n.t('The issue was changed by someone else; refresh and try again.'));
    case 'rateLimited':
      return vscode.l10n.t('Tracker is rate-limiting requests; try again in a moment.');
    case 'server':
      return vscode.l10n.t('Tracker is unavailable right now (HTTP {0}); try again later.', err.status);
    case 'timeout':
      return vscode.l10n.t('Tracker did not answer in time; check the connection and try again.');
    case 'network':
      return vscode.l10n.t('Could not reach Tracker; check the connection and the base URL setting.');
    case 'cancelled':
      return vscode.l10n.t('Cancelled.');
    case 'badResponse':
      return vscode.l10n.t('Tracker sent a response that could not be read; try again.');
    default:
      return err.message;
  }
}

/**
 * Server text made safe for a notification: notifications turn `[label](target)`
 * into a link that runs even `command:` targets when clicked, so the pattern
 * is broken up ("] ("). Tree labels and tooltips are plain strings anyway;
 * the hover escapes with appendText.
 */
export function inertText(text: string): string {
  return text.replace(/\]\s*\(/g, '] (');
}

/**
 * Why a write was refused, in a few words: a 403 here means no edit rights
 * (the organisation was fine for the reads before it), a 422 names the field.
 */
export function failureReason(e: unknown, editedKey: string): string {
  return describe(e, editedKey);
}

/** A few words on why a load failed, for a place with little room (the stale marker of a tree). */
export function briefError(e: unknown): string {
  const kind = isTrackerError(e) ? (e as TrackerError).kind : undefined;
  switch (kind) {
    case 'unauthorized':
      return vscode.l10n.t('sign-in needed');
    case 'forbidden':
      return vscode.l10n.t('access denied');
    case 'notFound':
      // Said of an issue, a link, a project, a portfolio or a goal: a key of its
      // own (English unchanged), so a translation need not agree with one of them.
      return vscode.l10n.t({ message: 'not found', comment: 'of any kind: an issue, a link, a project, a portfolio, a goal' });
    case 'rateLimited':
      return vscode.l10n.t('rate-limited');
    case 'server':
      return `HTTP ${(e as TrackerError).status}`;
    case 'timeout':
      return vscode.l10n.t('no answer in time');
    case 'network':
      return vscode.l10n.t('no connection');
    case 'badResponse':
      return vscode.l10n.t('unreadable answer');
    default:
      return vscode.l10n.t('refresh failed');
  }
}

/** Tracker refused the token (or none is stored): signing in again is what fixes it. */
export function needsSignIn(e: unknown): boolean {
  return isTrackerError(e) && (e as TrackerError).kind === 'unauthorized';
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** What a refused write was about, when it names an issue or an entity (a read may be refused for a wrong organisation). */
function refusedEdit(err: TrackerError): { kind: 'issue' | EntityType; id: string } | undefined {
  const a = err.about;
  if (err.kind !== 'forbidden' || !WRITES.has(err.method.toUpperCase()) || !a) return undefined;
  if (a.kind === 'issue' || a.kind === 'issueLink') return { kind: 'issue', id: a.key };
  if ((a.kind === 'entity' || a.kind === 'entityLink') && isEntityType(a.type)) {
    return { kind: a.type, id: a.id };
  }
  return undefined;
}

/**
 * A 403 said from what the call was about: a refused write on an issue or an
 * entity is a lack of rights to edit it (the reads before it went through, so
 * the organisation is fine); otherwise the organisation id or header may be
 * wrong as well. `edited` (the caller's name for what it was changing) is
 * taken as the refused edit.
 */
function forbidden(err: TrackerError, edited?: string): string {
  const edit = edited === undefined ? refusedEdit(err) : { kind: 'named' as const, id: edited };
  switch (edit?.kind) {
    case 'named':
    case 'issue':
      return vscode.l10n.t('No rights to edit {0}.', edit.id);
    case 'project':
      return vscode.l10n.t('No rights to edit project {0}.', edit.id);
    case 'portfolio':
      return vscode.l10n.t('No rights to edit portfolio {0}.', edit.id);
    case 'goal':
      return vscode.l10n.t('No rights to edit goal {0}.', edit.id);
  }
  return vscode.l10n.t('Access denied: you may lack rights for this, or the organisation id or header (X-Org-ID / X-Cloud-Org-ID) is wrong.');
}

/** Signing in again (another token or organisation) may help: not for a refused edit of a named issue or entity. */
function signInMayHelp(e: unknown): boolean {
  if (!isTrackerError(e)) return false;
  const err = e as TrackerError;
  return err.kind === 'unauthorized' || (err.kind === 'forbidden' && !refusedEdit(err));
}

/** "Issue TREK-9 was not found", said in the user's language from the error's data. */
function notFound(err: TrackerError): string {
  const a = err.about;
  switch (a?.kind) {
    case 'user':
      return vscode.l10n.t('Tracker does not know the signed-in user: sign in again.');
    case 'issue':
      return a.other
        ? vscode.l10n.t('Issue {0} or {1} was not found in Tracker.', a.key, a.other)
        : vscode.l10n.t('Issue {0} was not found in Tracker.', a.key);
    case 'issueLink':
      return vscode.l10n.t('Link {0} of {1} was not found in Tracker.', a.linkId, a.key);
    case 'entity': {
      const ids = a.other ? `${a.id} / ${a.other}` : a.id;
      switch (a.type) {
        case 'project':
          return vscode.l10n.t('Project {0} was not found in Tracker.', ids);
        case 'portfolio':
          return vscode.l10n.t('Portfolio {0} was not found in Tracker.', ids);
        case 'goal':
          return vscode.l10n.t('Goal {0} was not found in Tracker.', ids);
      }
      break;
    }
    case 'entityLink':
      return vscode.l10n.t('Tracker has no link from {0} to {1}.', a.id, a.other);
  }
  return err.subject ? vscode.l10n.t('{0} was not found in Tracker.', err.subject) : vscode.l10n.t('Not found in Tracker.');
}

/**
 * The buttons of a notification after something went wrong, in one wording
 * and one behaviour everywhere: Show Log opens the log, Sign In (when
 * signing in again may fix it) runs the sign-in. `act` takes the choice;
 * any other button is the caller's to handle.
 */
export function fixButtons(
  log: vscode.LogOutputChannel,
  o: { signIn?: boolean; showLog?: boolean } = {},
): { buttons: string[]; act: (choice: string | undefined) => void } {
  const signIn = vscode.l10n.t('Sign In');
  const showLog = vscode.l10n.t('Show Log');
  return {
    buttons: [...(o.signIn ? [signIn] : []), ...(o.showLog === false ? [] : [showLog])],
    act: (choice) => {
      if (choice === signIn) void vscode.commands.executeCommand('tracker.signIn');
      else if (choice === showLog) log.show(true);
    },
  };
}

/**
 * Shows an error notification with the action that fixes it, and writes the
 * details (never headers or tokens) to the log channel.
 */
export class ErrorReporter {
  constructor(private readonly log: vscode.LogOutputChannel) {}

  logDetails(e: unknown, context: string): void {
    if (isTrackerError(e)) {
      const err = e as TrackerError;
      this.log.error(
        `${context}: ${err.method ?? ''} ${err.path ?? ''} -> ${err.status} ${err.kind}` +
          (err.errorMessages.length ? ` ${JSON.stringify(err.errorMessages)}` : '') +
          (Object.keys(err.fieldErrors).length ? ` ${JSON.stringify(err.fieldErrors)}` : ''),
      );
    } else {
      this.log.error(`${context}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
  }

  /** Resolves once the notification is shown; its buttons act on their own. */
  show(e: unknown, context: string, prefix?: string): void {
    if (isCancelled(e)) return;
    this.logDetails(e, context);
    const text = prefix ? `${prefix} ${describeError(e)}` : describeError(e);
    const fix = fixButtons(this.log, { signIn: signInMayHelp(e) });
    void vscode.window.showErrorMessage(text, ...fix.buttons).then(fix.act);
  }
}
