// Typed access, from TypeScript test code, to the plain-JS tool libraries in
// scripts/lib (shared with scripts/run-vscode.js and scripts/demo.js, which
// run without a compile step).
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';

/** The repository root (this file runs from out/test/harness). */
export const ROOT = path.resolve(__dirname, '..', '..', '..');

export interface CodeServer {
  port: number;
  url: string;
  dirs: { base: string; config: string; userData: string; extensions: string; xdg: string };
  output(): string;
  exited: Promise<number | string>;
  stop(): Promise<void>;
  folderUrl(folder: string, payload?: Array<[string, string]>): string;
  remoteUri(p: string): string;
}

export interface CodeServerOptions {
  baseDir?: string;
  keepDirs?: boolean;
  port?: number;
  settings?: Record<string, unknown>;
  env?: Record<string, string>;
  vsix?: string[];
  onOutput?: (chunk: string) => void;
  startTimeoutMs?: number;
}

export interface Chromium {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

interface CodeServerLib {
  CODE_SERVER: string;
  CHROMIUM: string;
  freePort(preferred?: number): Promise<number>;
  withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T>;
  startCodeServer(o?: CodeServerOptions): Promise<CodeServer>;
  launchChromium(o?: { viewport?: { width: number; height: number }; profileDir?: string }): Promise<Chromium>;
  onCleanup(fn: () => unknown): () => void;
  cleanupAll(ms?: number): Promise<void>;
  signalled(): number | undefined;
}

interface WorkspaceLib {
  BRANCH: string;
  createDemoWorkspace(dir: string, o?: { fresh?: boolean }): string;
}

const load = createRequire(__filename);
export const tools = load(path.join(ROOT, 'scripts', 'lib', 'code-server.js')) as CodeServerLib;
export const workspace = load(path.join(ROOT, 'scripts', 'lib', 'workspace.js')) as WorkspaceLib;
