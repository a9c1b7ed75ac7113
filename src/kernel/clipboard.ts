// Copying for the user: the text goes to the clipboard and the status bar
// says so for a moment, the same way wherever something is copied (the
// views' Copy Key and Copy Link, the graph panel).

import * as vscode from 'vscode';

/** Copies `text`; the status bar says `note` ("Copied TREK-12" by default) for three seconds. */
export async function copyWithNote(text: string, note = vscode.l10n.t('Copied {0}', text)): Promise<void> {
  await vscode.env.clipboard.writeText(text);
  vscode.window.setStatusBarMessage(note, 3000);
}
