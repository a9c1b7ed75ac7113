// The link graph in the user's language: the words on the edges of an
// exported graph (Mermaid, DOT; the exporters in src/graph take them as
// data), and an edge as a sentence (the panel's labels, the chat tool).

import * as vscode from 'vscode';
import type { EdgeWords, GraphEdge } from '../graph';
import { otherLinkSentence } from '../links/words';
import { relationshipSentence } from './linkWords';

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

/** An edge as a sentence read from its `from` side ("TREK-14 blocks TREK-12"); a custom type in the server's words. */
export function edgeSentence(e: Pick<GraphEdge, 'from' | 'to' | 'relationship' | 'label'>): string {
  return e.relationship ? relationshipSentence(e.relationship, e.from, e.to) : otherLinkSentence(e.from, e.label ?? '', e.to);
}
