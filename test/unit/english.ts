// vscode.l10n as plain Node tests see it: the English of the source, `{0}`
// placeholders filled. The extension passes vscode.l10n itself
// (src/kernel/linkWords.ts).
import type { Translator } from '../../src/links/words';

export const ENGLISH: Translator = {
  t: (message, ...args) => message.replace(/\{(\d+)\}/g, (all, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : all)),
};
