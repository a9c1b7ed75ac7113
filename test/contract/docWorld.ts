// The issues and the user of the documentation's examples, added to a
// running sandbox (a fixture override: the sandbox has no create-issue
// endpoint). Only plain records go in; every link between them is made by the
// tests through documented requests, so the sandbox's own reading of a
// relationship is what gets checked.

import type { SandboxServer } from '../sandbox/server';
import type { IssueRec } from '../sandbox/seed';

const at = (iso: string): number => Date.parse(iso);

function issue(key: string, id: string, summary: string, createdAt: string, updatedAt: string, aliases: string[] = []): IssueRec {
  return {
    id,
    key,
    summary,
    description: '',
    status: 'open',
    type: 'task',
    priority: 'normal',
    queue: key.split('-')[0] as string,
    aliases,
    createdAt: at(createdAt),
    updatedAt: at(updatedAt),
  };
}

/** The uid the import-links.md example sends as createdBy and updatedBy. */
export const DOC_UID = 1110000000011111;

export function addDocumentedWorld(sb: SandboxServer): void {
  const d = sb.data;
  d.queues.push({ id: 111, key: 'JUNE', name: 'June' }, { id: 112, key: 'TEST', name: 'Test' });
  d.users.push({ uid: DOC_UID, login: 'doc.author', display: 'Doc Author', email: 'doc.author@example.com' });
  d.issues.push(
    // get-issue.md: TREK-9844 "subtask", created 2017-06-11, alias JUNE-3, parent JUNE-2 "Task" (unassigned here).
    issue('JUNE-2', '593cd0acef7e8a332414f28e', 'Task', '2017-06-01T09:00:00.000Z', '2017-10-01T09:00:00.000Z'),
    issue('TREK-9844', '593cd211ef7e8a332414f2a7', 'subtask', '2017-06-11T05:16:01.339Z', '2017-10-01T09:00:00.000Z', ['JUNE-3']),
    // link-issue.md links TEST-1 in 2014; import-links.md dates a TEST-2 link 2017-08-29 … 2017-09-07.
    issue('TEST-1', '4ff3e8dae4b0e2ac00000001', 'Test issue', '2014-06-01T09:00:00.000Z', '2017-10-01T09:00:00.000Z'),
    issue('TEST-2', '4ff3e8dae4b0e2ac00000002', 'Another test issue', '2017-01-01T09:00:00.000Z', '2017-10-01T09:00:00.000Z'),
  );
}
