import type * as vscode from 'vscode';
import type { Settings } from './settings';
import type { CredentialStore } from './credentials';
import type { Connection } from './connection';
import type { QuickInputs } from './quickInput';
import type { ErrorReporter } from './errors';
import type { LinkStore } from '../links/store';
import type { CurrentIssueService } from './currentIssue';
import type { LinkEvents } from './events';
import type { KnownQueues } from './queues';
import type { TrackerApi } from '../tracker/types';
import type { Prompts } from './prompts';
import type { StatusService } from './statuses';

/** Everything a feature may use, built once by the composition root. */
export interface Services {
  settings: Settings;
  credentials: CredentialStore;
  connection: Connection;
  /** The client for the stored account (throws when the base URL is refused). */
  api: () => TrackerApi;
  inputs: QuickInputs;
  errors: ErrorReporter;
  log: vscode.LogOutputChannel;
  /** Issues and their links: read by every feature, and the one way links change. */
  store: LinkStore;
  current: CurrentIssueService;
  events: LinkEvents;
  queues: KnownQueues;
  /** Status categories from the server's status list (one request per connection). */
  statuses: StatusService;
  /** Modal questions (answerable by tests in test mode). */
  prompts: Prompts;
  /** Issue keys in the active editor, for pickers to offer first. */
  editorKeys: () => string[];
}
