import * as vscode from 'vscode';
import type { EntityType } from '../tracker/types';

/**
 * "Links changed" news for the views: issue links as the link store reports
 * its changes (wired in extension.ts), entity links from the entity flows.
 */
export class LinkEvents implements vscode.Disposable {
  private readonly issues = new vscode.EventEmitter<{ keys: string[] }>();
  private readonly entities = new vscode.EventEmitter<{ type: EntityType; ids: string[] }>();
  /** Issue links changed for these keys (both sides of each link). */
  readonly onDidChangeIssueLinks = this.issues.event;
  readonly onDidChangeEntityLinks = this.entities.event;

  issueLinksChanged(...keys: string[]): void {
    this.issues.fire({ keys: keys.map((k) => k.toUpperCase()) });
  }
  entityLinksChanged(type: EntityType, ...ids: string[]): void {
    this.entities.fire({ type, ids });
  }
  dispose(): void {
    this.issues.dispose();
    this.entities.dispose();
  }
}
