import * as vscode from 'vscode';
import * as path from 'node:path';
import { describeError } from './errors';

interface ChosenFile<T> {
  uri: vscode.Uri;
  /** The file's name, for messages. */
  name: string;
  /** What `read` made of the bytes; undefined when the file could not be read (the user has been told). */
  content?: T;
}

/**
 * The file a command was given (a Uri argument, e.g. from the explorer) or
 * one the user picks, read whole and turned into `T` by `read`. A file that
 * cannot be read is said in the words 'Could not read {name}: {why}'.
 * Undefined when no file was chosen.
 */
export async function chooseAndReadFile<T>(
  arg: unknown,
  choose: () => Thenable<vscode.Uri | undefined>,
  read: (bytes: Uint8Array) => T,
): Promise<ChosenFile<T> | undefined> {
  const uri = arg instanceof vscode.Uri ? arg : await choose();
  if (!uri) return undefined;
  const name = path.posix.basename(uri.path);
  try {
    return { uri, name, content: read(await vscode.workspace.fs.readFile(uri)) };
  } catch (e) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not read {0}: {1}', name, describeError(e)));
    return { uri, name };
  }
}

/** What keeps a file from being read at all, whichever flow reads it (a Tracker-shaped import, a Jira export). */
type UnreadableFile = { code: 'empty' } | { code: 'notJson'; detail: string } | { code: 'unterminatedQuote'; line: number };

/** The words for a file that cannot be read at all: one wording for Import Links from File and the migration. */
export function unreadableFileText(p: UnreadableFile): string {
  switch (p.code) {
    case 'empty':
      return vscode.l10n.t('The file is empty.');
    case 'notJson':
      return vscode.l10n.t('The file is not valid JSON: {0}', p.detail);
    case 'unterminatedQuote':
      return vscode.l10n.t('A quote opened on line {0} is never closed.', p.line);
  }
}
