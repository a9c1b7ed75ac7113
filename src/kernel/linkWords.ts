// The link words in the user's language: the one definition is
// src/links/words.ts; here it is bound to VS Code's translations (l10n/ru).

import * as vscode from 'vscode';
import { linkWords } from '../links/words';

export const { groupLabel, relationshipLabel, relationshipSentence, plannedSentence, linkSentence, entityTypeLabel, entityStatusLabel, entityRelationshipLabel, entityRelationshipSentence, plannedEntitySentence } = linkWords(vscode.l10n);
