// Helpers for the browser UI checks: drive the real VS Code workbench
// (code-server) in headless Chromium as a user would — keyboard and mouse
// only — and save screenshots under .ui-shots/ (git-ignored).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { SandboxServer } from '../sandbox/server';
import { ROOT, type CodeServer } from '../harness/tools';

export const SHOTS_DIR = path.join(ROOT, '.ui-shots');

/** What every flow gets. Flows run in order in one workbench, so a flow may rely on the ones before it. */
export interface UiContext {
  page: Page;
  sandbox: SandboxServer;
  codeServer: CodeServer;
  /** The opened workspace folder (a git repo on feature/TREK-12-link-graph). */
  workspace: string;
  /** Saves `.ui-shots/<name>.png` and returns its path. */
  screenshot(name: string): Promise<string>;
  log(message: string): void;
}

export interface UiFlow {
  name: string;
  /** Default 120 s. */
  timeoutMs?: number;
  run(ctx: UiContext): Promise<void>;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SHOTS_DIR, { recursive: true });
  const file = path.join(SHOTS_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** The quick input widget (command palette, quick picks, input boxes). */
export function quickInput(page: Page): Locator {
  return page.locator('.quick-input-widget');
}

/** A row of the open quick pick whose text contains `text`. */
export function quickPickRow(page: Page, text: string): Locator {
  return quickInput(page).locator('.quick-input-list .monaco-list-row', { hasText: text }).first();
}

export async function typeAndEnter(page: Page, text: string): Promise<void> {
  await page.keyboard.type(text, { delay: 15 });
  await page.keyboard.press('Enter');
}

/** F1, types the command's title, waits until it is the highlighted entry, Enter. */
export async function palette(page: Page, command: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = quickInput(page).locator('input.input').first();
  await input.waitFor({ state: 'visible', timeout: 15000 });
  await page.keyboard.type(command, { delay: 10 });
  await quickInput(page)
    .locator('.quick-input-list .monaco-list-row.focused', { hasText: command })
    .waitFor({ state: 'visible', timeout: 15000 });
  await page.keyboard.press('Enter');
}

/** Waits for a notification toast containing `text` and returns it. */
export async function waitForNotification(page: Page, text: string, timeoutMs = 20000): Promise<Locator> {
  const toast = page.locator('.notification-toast', { hasText: text }).first();
  await toast.waitFor({ state: 'visible', timeout: timeoutMs });
  return toast;
}

/** Opens a view container of the activity bar by its title (does not toggle it closed when already open). */
export async function openView(page: Page, containerTitle: string): Promise<void> {
  const item = page.locator(`.activitybar .action-item:has(a.action-label[aria-label^="${containerTitle}"])`).first();
  await item.waitFor({ state: 'visible', timeout: 30000 });
  if (!((await item.getAttribute('class')) ?? '').split(/\s+/).includes('checked')) await item.click();
  await page.locator('.sidebar .composite.title', { hasText: containerTitle }).first().waitFor({ state: 'visible', timeout: 15000 });
}

/** Waits for `locator` to show `text` (case-sensitive substring of its text content). */
export async function expectText(locator: Locator, text: string, timeoutMs = 15000): Promise<void> {
  const end = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < end) {
    last = (await locator.first().textContent().catch(() => '')) ?? '';
    if (last.includes(text)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Expected ${JSON.stringify(text)} on screen, found ${JSON.stringify(last.slice(0, 300))}`);
}

/** The pane of a view in the Tracker Links container, by its title. */
export function pane(page: Page, title: string): Locator {
  return page.locator('.sidebar .pane', { has: page.locator('.pane-header', { hasText: title }) }).first();
}

/** A row of a tree whose text contains `text`. */
export function row(view: Locator, text: string): Locator {
  return view.locator('.monaco-list-row', { hasText: text }).first();
}

/** Expands or collapses a view pane by clicking its header, as a user would. */
export async function setExpanded(page: Page, title: string, expanded: boolean): Promise<void> {
  const header = page.locator('.sidebar .pane-header', { hasText: title }).first();
  if ((await header.getAttribute('aria-expanded')) !== String(expanded)) await header.click();
}
