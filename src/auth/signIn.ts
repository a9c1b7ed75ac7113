import * as vscode from 'vscode';
import { BACK, QuickInputs, runSteps, type Step } from '../kernel/quickInput';
import { isCancelled, isTrackerError, type TrackerError } from '../tracker/errors';
import type { OrgKind, TokenKind } from '../tracker/types';
import { tokenProblem } from '../tracker/token';
import type { Settings } from '../kernel/settings';
import type { CredentialStore } from '../kernel/credentials';
import type { Connection } from '../kernel/connection';
import { describeError, inertText, type ErrorReporter } from '../kernel/errors';

interface SignInState {
  orgKind: OrgKind;
  orgId: string;
  tokenKind: TokenKind;
  token: string;
}

interface AuthDeps {
  settings: Settings;
  credentials: CredentialStore;
  connection: Connection;
  inputs: QuickInputs;
  errors: ErrorReporter;
  log: vscode.LogOutputChannel;
}

const orgHeader = (k: OrgKind) => (k === 'cloud' ? 'X-Cloud-Org-ID' : 'X-Org-ID');

/** `Tracker: Sign In` and `Tracker: Sign Out`. */
export function registerAuth(context: vscode.ExtensionContext, deps: AuthDeps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('tracker.signIn', () => signIn(deps)),
    vscode.commands.registerCommand('tracker.signOut', () => signOut(deps)),
  );
}

async function signOut(deps: AuthDeps): Promise<void> {
  await deps.credentials.clear();
  deps.log.info('Signed out; the token was removed from SecretStorage.');
  void vscode.window.showInformationMessage(vscode.l10n.t('Signed out of Tracker.'));
}

/**
 * A short guided flow. The token is checked with GET /myself before it is
 * stored; on a refusal the user can retry with everything but the token kept.
 */
async function signIn(deps: AuthDeps, preset?: Partial<SignInState>): Promise<boolean> {
  const problem = deps.connection.baseUrlProblem();
  if (problem) {
    const open = vscode.l10n.t('Open Settings');
    void vscode.window.showErrorMessage(problem, open).then((c) => {
      if (c === open) void vscode.commands.executeCommand('workbench.action.openSettings', 'tracker.baseUrl');
    });
    return false;
  }
  const state: SignInState = {
    orgKind: preset?.orgKind ?? deps.settings.orgKind,
    orgId: preset?.orgId ?? deps.settings.orgId,
    tokenKind: preset?.tokenKind ?? 'oauth',
    token: '',
  };
  const title = vscode.l10n.t('Sign In to Tracker');
  const total = () => (state.orgKind === 'cloud' ? 4 : 3);

  const askOrgKind: Step<SignInState> = async (s) => {
    const items = [
      { label: vscode.l10n.t('Yandex 360 for Business'), description: 'X-Org-ID', kind360: 'yandex360' as OrgKind },
      { label: vscode.l10n.t('Yandex Cloud Organization'), description: 'X-Cloud-Org-ID', kind360: 'cloud' as OrgKind },
    ].map((i) => ({ ...i, picked: i.kind360 === s.orgKind }));
    const ordered = s.orgKind === 'cloud' ? [items[1], items[0]] : items;
    const r = await deps.inputs.pick({ id: 'signIn.orgKind', title, step: 1, totalSteps: total(), placeholder: vscode.l10n.t('Where is your organisation?'), items: ordered });
    if (r === undefined || r === BACK) return r;
    if (r.kind360 !== s.orgKind) s.orgId = '';
    s.orgKind = r.kind360;
    return askOrgId;
  };
  const askOrgId: Step<SignInState> = async (s) => {
    const r = await deps.inputs.input({
      id: 'signIn.orgId',
      title,
      step: 2,
      totalSteps: total(),
      prompt:
        s.orgKind === 'cloud'
          ? vscode.l10n.t('Yandex Cloud organisation id (sent as X-Cloud-Org-ID), e.g. bpf3crucp1v2xxxxxxxx')
          : vscode.l10n.t('Yandex 360 organisation id (sent as X-Org-ID): a number, see Tracker → Administration → Organisations'),
      value: s.orgId,
      validate: (v) => validateOrgId(s.orgKind, v),
    });
    if (r === undefined || r === BACK) return r;
    s.orgId = r.trim();
    return s.orgKind === 'cloud' ? askTokenKind : askToken;
  };
  const askTokenKind: Step<SignInState> = async (s) => {
    const items = [
      { label: vscode.l10n.t('OAuth token'), description: 'Authorization: OAuth …', tk: 'oauth' as TokenKind },
      { label: vscode.l10n.t('IAM token'), description: vscode.l10n.t('Authorization: Bearer … (expires within hours)'), tk: 'iam' as TokenKind },
    ];
    const r = await deps.inputs.pick({ id: 'signIn.tokenKind', title, step: 3, totalSteps: 4, placeholder: vscode.l10n.t('Which kind of token?'), items: s.tokenKind === 'iam' ? [items[1], items[0]] : items });
    if (r === undefined || r === BACK) return r;
    s.tokenKind = r.tk;
    return askToken;
  };
  const askToken: Step<SignInState> = async (s) => {
    if (s.orgKind !== 'cloud') s.tokenKind = 'oauth';
    const r = await deps.inputs.input({
      id: 'signIn.token',
      title,
      step: total(),
      totalSteps: total(),
      password: true,
      prompt: s.tokenKind === 'iam' ? vscode.l10n.t('Paste your IAM token. It is kept only in VS Code Secret Storage.') : vscode.l10n.t('Paste your OAuth token. It is kept only in VS Code Secret Storage.'),
      validate: (v) => tokenInputProblem(v),
    });
    if (r === undefined || r === BACK) return r;
    s.token = r.trim();
    return 'done';
  };

  const completed = await runSteps(askOrgKind, state);
  if (!completed) return false;

  const creds = { tokenKind: state.tokenKind, token: state.token };
  try {
    const me = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the token with Tracker…'), cancellable: true },
      (_p, token) => {
        const ctl = new AbortController();
        token.onCancellationRequested(() => ctl.abort());
        return deps.connection.probe(creds, state.orgKind, state.orgId).myself({ signal: ctl.signal });
      },
    );
    await deps.settings.setOrganisation(state.orgKind, state.orgId);
    await deps.credentials.set(creds);
    deps.log.info(`Signed in as ${me.login} (${orgHeader(state.orgKind)} organisation ${state.orgId}).`);
    // The display name is server text: no link in the notification.
    void vscode.window.showInformationMessage(vscode.l10n.t('Signed in to Tracker as {0}.', inertText(me.display || me.login)));
    return true;
  } catch (e) {
    deps.errors.logDetails(e, 'Sign in');
    if (isCancelled(e)) return false;
    const kind = isTrackerError(e) ? (e as TrackerError).kind : undefined;
    let msg: string;
    // Only an answer from Tracker is "Tracker did not accept": a token that cannot be sent (token.ts) never reaches it.
    if (kind === 'unauthorized' && (e as TrackerError).status === 401) {
      msg =
        state.tokenKind === 'iam'
          ? vscode.l10n.t('Tracker did not accept the IAM token (401): it may have expired. Get a new one and try again.')
          : vscode.l10n.t('Tracker did not accept the OAuth token (401): check that it is complete and has the tracker:read and tracker:write scopes.');
    } else if (kind === 'forbidden') {
      msg = vscode.l10n.t(
        'Tracker refused organisation {0} sent as {1} (403). Check the organisation kind (Yandex 360 or Yandex Cloud) and its id.',
        state.orgId,
        orgHeader(state.orgKind),
      );
    } else {
      msg = vscode.l10n.t('Could not check the token: {0}', describeError(e));
    }
    const retry = vscode.l10n.t('Try Again');
    const choice = await vscode.window.showErrorMessage(msg, retry);
    if (choice === retry) return signIn(deps, { orgKind: state.orgKind, orgId: state.orgId, tokenKind: state.tokenKind });
    return false;
  }
}

/** Why the typed token cannot be used (the HTTP layer's own rule, token.ts), in the user's words. */
function tokenInputProblem(v: string): string | undefined {
  switch (tokenProblem(v.trim())) {
    case 'empty':
      return vscode.l10n.t('The token is empty.');
    case 'space':
      return vscode.l10n.t('A token has no spaces.');
    case 'notAscii':
      return vscode.l10n.t('A token has only Latin letters, digits and punctuation; this one has other characters (another keyboard layout, or typographic quotes?).');
    case undefined:
      return undefined;
  }
}

function validateOrgId(kind: OrgKind, v: string): string | undefined {
  const id = v.trim();
  if (!id) return vscode.l10n.t('The organisation id is required.');
  if (kind === 'yandex360' && !/^\d+$/.test(id)) return vscode.l10n.t('A Yandex 360 organisation id is a number.');
  if (kind === 'cloud' && !/^[a-z0-9]+$/i.test(id)) return vscode.l10n.t('A Yandex Cloud organisation id has only Latin letters and digits.');
  return undefined;
}
