// Public face of the migration core (no VS Code dependency): a picked file →
// what it is → the plan the dry run shows → the rows to send → the result file.
//
//   const { decoded, file } = readSourceBytes(bytes);          // source.ts
//   const plan = planOf(file, { keys, users, fallbackUser, linkTypes, dates });
//   plan.dateQuestion / plan.unknownTypes → ask, then plan again
//   for (const key of issuesToCheck(plan)) markExisting(plan, key, await listLinks(key));
//   acceptClamps(plan, rowsTheUserAccepted);
//   for (const row of plan.rows) { const r = importRowOf(row); if (r) send(importBody(r)); }
//   write resultFile(plan, outcomes, reasonWords) beside the input.
export * from './source';
export * from './plan';
export * from './mapping';
export * from './dates';
export type { ForeignLink, ForeignOrigin, ForeignRead, JiraReadOptions, ReadProblem } from './jira';
export { readJiraJson, readJiraCsv, jiraIssuesOf, isJiraCsvHeader } from './jira';
