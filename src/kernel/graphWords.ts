// The words on the edges of an exported link graph (Mermaid, DOT) in the
// user's language: the exporters in src/graph take them as data.

import * as vscode from 'vscode';
import type { EdgeWords } from '../graph';

export function edgeWords(): EdgeWords {
  return {
    blocks: vscode.l10n.t('blocks'),
    parent: vscode.l10n.t('parent of'),
    epic: vscode.l10n.t('epic of'),
    relates: vscode.l10n.t('relates'),
    duplicates: vscode.l10n.t('duplicates'),
    clone: vscode.l10n.t('cloned as'),
  };
}
