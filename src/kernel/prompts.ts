import * as vscode from 'vscode';

export interface Question {
  message: string;
  detail?: string;
  choices: string[];
}

/**
 * The question before a link is removed, in one wording wherever it is asked
 * (the views' Remove, the chat tool's confirmation): the link in words, and
 * that it goes for both sides. What became of the removal is worded once
 * below too.
 */
export function removeLinkQuestion(sentence: string, between: 'issues' | 'entities'): { message: string; detail: string } {
  return {
    message: vscode.l10n.t('Remove the link "{0}"?', sentence),
    detail:
      between === 'issues'
        ? vscode.l10n.t('The link disappears in Tracker for both issues.')
        : vscode.l10n.t('The link disappears in Tracker for both entities.'),
  };
}

/** After a removal, wherever it was asked for (the views, the chat tool): "Removed: TREK-12 is blocked by TREK-14." */
export function linkRemovedText(sentence: string): string {
  return vscode.l10n.t('Removed: {0}.', sentence);
}

/** "Removed: …" in a notification, with Undo when the removal can be undone (the issue and the entity links views). */
export function showLinkRemoved(sentence: string, undo?: () => unknown): void {
  const undoLabel = vscode.l10n.t('Undo');
  void vscode.window.showInformationMessage(linkRemovedText(sentence), ...(undo ? [undoLabel] : [])).then((choice) => {
    if (choice === undoLabel) void undo?.();
  });
}

/** The removal failed; the reason follows it. */
export function linkNotRemovedText(): string {
  return vscode.l10n.t('Could not remove the link.');
}

/** Undo of a removal failed (the issue and the entity links views); the reason follows it. */
export function linkNotRestoredText(sentence: string): string {
  return vscode.l10n.t('Could not restore "{0}".', sentence);
}

/**
 * Modal questions (confirm a removal, go on despite a dependency cycle).
 * A modal dialog cannot be answered from the extension host, so in test mode
 * answers queued by a test are taken instead of showing it, and every
 * question is recorded; the browser UI checks click the real dialogs.
 */
export class Prompts implements vscode.Disposable {
  private readonly queued: Array<string | undefined> = [];
  private readonly asked = new vscode.EventEmitter<Question>();
  readonly onDidAsk = this.asked.event;

  constructor(private readonly testMode: boolean) {}

  async ask(message: string, detail: string | undefined, ...choices: string[]): Promise<string | undefined> {
    const q: Question = { message, detail, choices };
    this.asked.fire(q);
    if (this.testMode && this.queued.length) {
      const a = this.queued.shift();
      if (a !== undefined && !choices.includes(a)) throw new Error(`Test answered "${a}" but the choices were ${choices.join(', ')}`);
      return a;
    }
    return vscode.window.showWarningMessage(message, { modal: true, detail }, ...choices);
  }

  /** Asks `removeLinkQuestion`; true when the user chose Remove. */
  async confirmRemoveLink(sentence: string, between: 'issues' | 'entities'): Promise<boolean> {
    const q = removeLinkQuestion(sentence, between);
    const remove = vscode.l10n.t('Remove');
    return (await this.ask(q.message, q.detail, remove)) === remove;
  }

  /** Test mode only: the answer to the next question (undefined = Cancel). */
  answerNext(choice: string | undefined): void {
    if (!this.testMode) throw new Error('Answers can be queued only in test mode');
    this.queued.push(choice);
  }

  dispose(): void {
    this.asked.dispose();
  }
}
