// Public face of the Tracker API core (no VS Code dependency).
export * from './types';
export { TrackerError, isTrackerError, isCancelled, kindForStatus, parseErrorBody } from './errors';
export type { TrackerErrorKind, TrackerErrorInit } from './errors';
export { HttpClient, checkBaseUrl, parseRetryAfter, parseLinkNext } from './http';
export type {
  ApiVersion,
  Credentials,
  OrgRef,
  Logger,
  RetryOptions,
  FetchLike,
  FetchInit,
  FetchResponseLike,
  HttpClientOptions,
  RequestOptions,
  HttpResponse,
  PagedOptions,
  PagedResult,
  Query,
  QueryValue,
} from './http';
export { TrackerClient, ENTITY_LINK_FIELDS, findEntityByIdOnly } from './client';
export type { IssueSearchCriteria } from './client';
