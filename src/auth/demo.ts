import * as vscode from 'vscode';
import type { Settings } from '../kernel/settings';
import type { CredentialStore } from '../kernel/credentials';
import { isLoopbackHost } from '../tracker/baseUrl';
import { tokenProblem } from '../tracker/token';

/**
 * `npm start` runs the extension against the in-repo sandbox Tracker and
 * passes its demo token in TRACKER_SANDBOX_TOKEN. It is taken only when the
 * base URL is a loopback address and nothing is stored yet, so it can never
 * send a real token anywhere nor replace a real sign-in.
 */
export async function seedDemoCredentials(settings: Settings, credentials: CredentialStore, log: vscode.LogOutputChannel): Promise<void> {
  const token = process.env.TRACKER_SANDBOX_TOKEN;
  if (!token || tokenProblem(token)) return;
  let host = '';
  try {
    host = new URL(settings.baseUrl).hostname;
  } catch {
    return;
  }
  if (!isLoopbackHost(host) || (await credentials.get())) return;
  await credentials.set({ tokenKind: 'oauth', token });
  log.info(`Signed in to the sandbox Tracker at ${settings.baseUrl} (demo credentials from npm start).`);
}
