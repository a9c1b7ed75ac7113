// Answering an already-shown quick pick step by step (the shared helpers
// answer the next one in a single call): for tests that look at a step
// (counter, items, descriptions) before choosing in it.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { accept, nextInput, pressKey, sleep, typeText, waitFor } from './helpers';

export type Pick = vscode.QuickPick<vscode.QuickPickItem>;

/**
 * The next pick (must be `step`), optionally after typing `value` into it
 * with the real keyboard (live search, typed keys), once it is not busy.
 */
export async function shownPick(step: string, value?: string): Promise<Pick> {
  const shown = await nextInput(step);
  assert.strictEqual(shown.kind, 'quickPick', `${step} is a quick pick`);
  const qp = shown.input;
  if (value !== undefined) {
    await sleep(80);
    await pressKey('Control+a');
    await typeText(value);
    await waitFor(() => qp.value === value, 5000, `the typed value in ${step}`);
    await waitFor(() => !qp.busy && qp.items.some((i) => i.label === value), 10000, `${value} in ${step}`);
  }
  await waitFor(() => !qp.busy && qp.items.length > 0, 10000, `the items of ${step}`);
  return qp;
}

/** Chooses the items with these labels (all of them when the pick takes many) and presses Enter. */
export async function choose(qp: Pick, ...labels: string[]): Promise<void> {
  const items = await waitFor(() => {
    const found = labels.map((l) => qp.items.find((i) => i.label === l));
    return !qp.busy && found.every(Boolean) ? (found as vscode.QuickPickItem[]) : undefined;
  }, 10000, `${labels.join(', ')} (items: ${qp.items.map((i) => i.label).join(' | ')})`);
  if (qp.canSelectMany) qp.selectedItems = items;
  else qp.activeItems = items.slice(0, 1);
  await accept();
}
