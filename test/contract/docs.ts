// The documented request and response of every endpoint the client calls,
// written out as our own fixtures. Each names the page it comes from: paths
// are in the public repository `yandex-cloud/docs` unless a URL is given.
//
// Transcription rules: `{{ host }}` → https://api.tracker.yandex.net;
// placeholders such as "<employee ID>" become a value of the same JSON type
// (the ids of the `self` links beside them); "..." list continuations are
// dropped; obvious typos of the page (a missing comma) are fixed. Nothing
// else is changed: where a page contradicts itself, the fixture keeps the
// page's words and the contradiction is noted.

import type { ShapeRules } from './shape';

const H = 'https://api.tracker.yandex.net';

export interface DocExample {
  /** The page, in yandex-cloud/docs (or its published URL). */
  doc: string;
  request: { method: 'GET' | 'POST' | 'DELETE'; path: string; query?: Record<string, string>; body?: unknown };
  response: { status: number; body?: unknown; headers?: Record<string, string> };
  /** What the shape check tolerates, with the documentation's reason. */
  rules?: ShapeRules;
}

const user = (id: string, display: string) => ({ self: `${H}/v2/users/${id}`, id, display });
const IVAN = user('1120000000049224', 'Ivan Ivanov');
const STATUS_OPEN = { self: `${H}/v2/statuses/1`, id: '1', key: 'open', display: 'Open' };

/** A link object as get-links.md draws it: JUNE-2 lists its sub-issue TREK-9844. */
const JUNE2_SUBTASK_LINK = {
  self: `${H}/v2/issues/JUNE-2/links/4709605`,
  id: 4709605,
  type: { self: `${H}/v2/linktypes/subtask`, id: 'subtask', inward: 'Sub-issue', outward: 'Parent issue' },
  direction: 'outward',
  object: { self: `${H}/v2/issues/TREK-9844`, id: '593cd211ef7e8a332414f2a7', key: 'TREK-9844', display: 'subtask' },
  createdBy: IVAN,
  updatedBy: IVAN,
  createdAt: '2017-06-11T05:16:01.421+0000',
  updatedAt: '2017-06-11T05:16:01.421+0000',
  assignee: IVAN,
  status: STATUS_OPEN,
};

/** What a listed link may lack: both are about the linked issue. */
const LINK_OPTIONAL = {
  assignee: 'get-links.md: "Assignee of the linked issue" — an unassigned issue has none',
  status: 'link-issue.md: its own response example has no status (nor assignee)',
};

/** TREK-9844 as get-issue.md and search-issues.md draw it (answer-issue.md include). */
const TREK9844_ISSUE = {
  self: `${H}/v2/issues/TREK-9844`,
  id: '593cd211ef7e8a332414f2a7',
  key: 'TREK-9844',
  version: 7,
  lastCommentUpdatedAt: '2017-07-18T13:33:44.291+0000',
  summary: 'subtask',
  parent: { self: `${H}/v2/issues/JUNE-2`, id: '593cd0acef7e8a332414f28e', key: 'JUNE-2', display: 'Task' },
  aliases: ['JUNE-3'],
  updatedBy: user('1120000000016876', 'Olga Petrova'),
  description: '<#<html><head></head><body><div>test</div><div>&nbsp;</div><div>&nbsp;</div> </body></html>#>',
  sprint: [{ self: `${H}/v2/sprints/5317`, id: '5317', display: 'sprint1' }],
  type: { self: `${H}/v2/issuetypes/2`, id: '2', key: 'task', display: 'Issue' },
  priority: { self: `${H}/v2/priorities/2`, id: '2', key: 'normal', display: 'Medium' },
  createdAt: '2017-06-11T05:16:01.339+0000',
  followers: [user('1120000000016876', 'Olga Petrova')],
  createdBy: IVAN,
  votes: 0,
  assignee: IVAN,
  queue: { self: `${H}/v2/queues/TREK`, id: '111', key: 'TREK', display: 'Startrack' },
  updatedAt: '2017-07-18T13:33:44.291+0000',
  status: STATUS_OPEN,
  previousStatus: { self: `${H}/v2/statuses/2`, id: '2', key: 'resolved', display: 'Resolved' },
  favorite: false,
};

/** Issue fields that exist only once something happened to the issue. */
const ISSUE_OPTIONAL = {
  parent: 'create-issue.md: parent is an additional parameter',
  sprint: 'create-issue.md: sprint is an additional parameter',
  followers: 'create-issue.md: followers is an additional parameter',
  assignee: 'create-issue.md: assignee is an additional parameter',
  description: 'create-issue.md: description is an additional parameter',
  aliases: 'get-issue.md: alternative keys, which an issue gets when it moves (move-issue.md)',
  previousStatus: 'get-issue.md: the previous status, which a new issue has not had',
  lastCommentUpdatedAt: 'get-issue.md: when the last comment was added, absent without comments',
};

export const DOCS = {
  myself: {
    doc: 'en/tracker/api-ref/get-user-info.md',
    request: { method: 'GET', path: '/v2/myself' },
    // "The response body contains a JSON array with the current user's parameters."
    response: {
      status: 200,
      body: [
        {
          self: `${H}/v2/users/1120000000049224`,
          uid: 1120000000049224,
          login: 'ivan.ivanov',
          passportUid: 1120000000049224,
          firstName: 'Ivan',
          lastName: 'Ivanov',
          display: 'Ivan Ivanov',
          email: 'ivan.ivanov@yandex.ru',
          external: false,
          hasLicense: true,
          dismissed: false,
          useNewFilters: true,
          disableNotifications: false,
        },
      ],
    },
  },

  getIssue: {
    doc: 'en/tracker/api-ref/concepts/issues/get-issue.md',
    // The page asks for JUNE-3 and answers TREK-9844, whose aliases hold JUNE-3.
    request: { method: 'GET', path: '/v2/issues/JUNE-3' },
    response: { status: 200, body: TREK9844_ISSUE },
    rules: { optional: ISSUE_OPTIONAL },
  },

  searchIssues: {
    doc: 'en/tracker/api-ref/concepts/issues/search-issues.md',
    request: { method: 'POST', path: '/v2/issues/_search', body: { filter: { queue: 'JUNE', assignee: 'Empty()' } } },
    // Paging headers: search-issues.md "Scrolling with no sorting" and common-format.md.
    response: { status: 200, body: [TREK9844_ISSUE], headers: { 'X-Total-Pages': '1', 'X-Total-Count': '1' } },
    rules: { optional: prefixed('[]', ISSUE_OPTIONAL) },
  },

  suggest: {
    // Not in yandex-cloud/docs; the published page has no response example,
    // only "a list of issues whose summary contains the entered text".
    doc: 'https://yandex.ru/support/tracker/en/concepts/issues/get-suggest',
    request: { method: 'GET', path: '/v3/issues/_suggest', query: { input: 'subtask' } },
    response: { status: 200, body: [TREK9844_ISSUE] },
    rules: { optional: prefixed('[]', ISSUE_OPTIONAL) },
  },

  getLinks: {
    doc: 'en/tracker/api-ref/concepts/issues/get-links.md',
    request: { method: 'GET', path: '/v2/issues/JUNE-2/links' },
    response: { status: 200, body: [JUNE2_SUBTASK_LINK] },
    rules: { optional: prefixed('[]', LINK_OPTIONAL) },
  },

  createLink: {
    doc: 'en/tracker/api-ref/concepts/issues/link-issue.md',
    request: { method: 'POST', path: '/v2/issues/TEST-1/links', body: { relationship: 'relates', issue: 'TREK-2' } },
    response: {
      status: 201,
      body: {
        self: `${H}/v2/issues/TEST-1/links/1048570`,
        id: 1048570,
        type: { self: `${H}/v2/linktypes/relates`, id: 'relates', inward: 'relates', outward: 'relates' },
        // The issue that creates a `relates` link is answered `inward`.
        direction: 'inward',
        object: { self: `${H}/v2/issues/STARTREK-2`, id: '4ff3e8dae4b0e2ac27f6eb43', key: 'TREK-2', display: 'NEW!!!' },
        createdBy: user('1120000000004859', 'Ivan Ivanov'),
        updatedBy: IVAN,
        createdAt: '2014-06-18T12:06:02.401+0000',
        updatedAt: '2014-06-18T12:06:02.401+0000',
      },
    },
    rules: { optional: LINK_OPTIONAL },
  },

  deleteLink: {
    doc: 'en/tracker/api-ref/concepts/issues/delete-link-issue.md',
    request: { method: 'DELETE', path: '/v2/issues/JUNE-2/links/4709605' },
    // "The response body is missing."
    response: { status: 204 },
  },

  importLink: {
    doc: 'en/tracker/api-ref/concepts/import/import-links.md',
    // createdBy/updatedBy: "String for the username, Number for the ID".
    request: {
      method: 'POST',
      path: '/v2/issues/JUNE-2/links/_import',
      body: {
        relationship: 'relates',
        issue: 'TEST-2',
        createdAt: '2017-08-29T12:34:41.740+0000',
        createdBy: 1110000000011111,
        updatedAt: '2017-09-07T11:24:31.140+0000',
        updatedBy: 1110000000011111,
      },
    },
    // The English page says 200, the Russian one 201; its example answer is
    // get-links.md's JUNE-2/TREK-9844 link, not the link of its own request.
    response: { status: 200, body: JUNE2_SUBTASK_LINK },
    rules: { optional: LINK_OPTIONAL },
  },

  linkTypes: {
    // No page of its own: the objects are the `type` block of a link.
    doc: 'en/tracker/api-ref/concepts/issues/get-links.md (type block)',
    request: { method: 'GET', path: '/v2/linktypes' },
    response: { status: 200, body: [JUNE2_SUBTASK_LINK.type] },
  },

  statuses: {
    // Not in yandex-cloud/docs; the published page (admin section of the API
    // reference). Its response parameters list `type` as one of new,
    // inProgress, paused, done, cancelled (also create-status).
    doc: 'https://yandex.ru/support/tracker/en/api-ref/admin/get-statuses',
    request: { method: 'GET', path: '/v3/statuses' },
    response: {
      status: 200,
      body: [{ self: `${H}/v3/statuses/1`, id: 1, version: 1, key: 'open', name: 'Open', description: 'Open', order: 200, type: 'new' }],
    },
  },

  queues: {
    doc: 'en/tracker/api-ref/concepts/queues/get-queues.md',
    request: { method: 'GET', path: '/v2/queues' },
    response: {
      status: 200,
      headers: { 'X-Total-Pages': '1', 'X-Total-Count': '1' },
      body: [
        {
          self: `${H}/v2/queues/TEST`,
          id: 3,
          key: 'TEST',
          version: 5,
          name: 'Test',
          description: 'Queue created for testing purposes',
          lead: user('1120000000016876', 'Olga Petrova'),
          assignAuto: false,
          defaultType: { self: `${H}/v2/issuetypes/1`, id: '1', key: 'bug', display: 'Bug' },
          defaultPriority: { self: `${H}/v2/priorities/3`, id: '3', key: 'normal', display: 'Medium' },
          teamUsers: [user('1120000000016876', 'Olga Petrova')],
          issueTypes: [{ self: `${H}/v2/issuetypes/1`, id: '1', key: 'bug', display: 'Bug' }],
          versions: [{ self: `${H}/v2/versions/4`, id: '4', display: 'Cuckoo' }],
          workflows: { dev: [{ self: `${H}/v2/issuetypes/1`, id: '1', key: 'bug', display: 'Bug' }] },
          denyVoting: false,
          issueTypesConfig: [
            {
              issueType: { self: `${H}/v2/issuetypes/1`, id: '1', key: 'bug', display: 'Bug' },
              workflow: { self: `${H}/v2/workflows/dev`, id: 'dev', display: 'dev' },
              resolutions: [{ self: `${H}/v2/resolutions/2`, id: '2', key: 'wontFix', display: "Won't fix" }],
            },
          ],
        },
      ],
    },
    rules: {
      optional: {
        '[].description': 'get-queues.md: "Text description of the queue", which a queue may not have',
        '[].teamUsers': 'get-queues.md: expand=team adds the team',
        '[].issueTypes': 'get-queues.md: expand=types adds the issue types',
        '[].issueTypesConfig': 'get-queues.md: expand=types adds the issue types',
        '[].versions': 'get-queues.md: expand=versions adds the versions',
        '[].workflows': 'get-queues.md: expand=workflows adds the workflows',
      },
    },
  },

  getEntity: {
    doc: 'en/tracker/concepts/entities/get-entity.md',
    // The page's request asks expand=attachments&fields=teamAccess and its
    // answer's `fields` holds teamAccess; the product asks its own fields and
    // never expands, so here `fields` holds what this request asks for.
    request: { method: 'GET', path: '/v2/entities/project/655f328da834c76300000001', query: { fields: 'summary,entityStatus' } },
    response: {
      status: 200,
      body: {
        self: `${H}/v2/entities/project/655f328da834c76300000001`,
        id: '655f328da834c76300000001',
        version: 3,
        shortId: 2,
        entityType: 'project',
        createdBy: { self: `${H}/v2/users/1100000001`, id: '1100000001', display: 'Full Name', cloudUid: 'ajevuhegoggf00000001', passportUid: 1100000001 },
        createdAt: '2023-11-23T11:07:57.298+0000',
        updatedAt: '2023-11-23T15:46:26.391+0000',
        attachments: [
          {
            self: `${H}/v2/attachments/8`,
            id: '8',
            name: 'file1.docx',
            content: `${H}/v2/attachments/8/file1.docx`,
            createdBy: { self: `${H}/v2/users/1100000001`, id: '1100000001', display: 'Full Name', cloudUid: 'ajevuhegoggf00000001', passportUid: 1100000001 },
            createdAt: '2023-11-23T15:46:20.617+0000',
            mimetype: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
            size: 18585,
          },
        ],
        fields: { summary: 'Project', entityStatus: 'in_progress' },
      },
    },
    rules: {
      optional: {
        attachments: 'get-entity.md: only with expand=attachments',
        'createdBy.cloudUid': 'get-entity.md: "User unique ID in Yandex Cloud Organization" — a Yandex 360 user has none',
        'createdBy.passportUid': 'get-entity.md: "Unique ID of the user account in the Yandex 360 organization and Yandex ID"',
      },
      requested: { fields: ['summary', 'entityStatus'] },
    },
  },

  searchEntities: {
    doc: 'en/tracker/concepts/entities/search-entities.md',
    // The body is the documented `input`, the product's only criterion (the
    // page's examples filter and sort); `fields` holds what is asked, as above.
    request: { method: 'POST', path: '/v2/entities/project/_search', query: { fields: 'entityStatus' }, body: { input: 'Marketplace' } },
    response: {
      status: 200,
      body: {
        hits: 8,
        pages: 1,
        values: [
          {
            self: `${H}/v2/entities/project/655f8ce5d6a3983300000001`,
            id: '655f8ce5d6a3983300000001',
            version: 7,
            shortId: 8,
            entityType: 'project',
            createdBy: { self: `${H}/v2/users/1111111117`, id: '1111111117', display: 'Full Name', cloudUid: 'ajevuhegoggfk3fmgnqd', passportUid: 1111111117 },
            createdAt: '2023-11-23T17:33:25.427+0000',
            updatedAt: '2023-11-24T12:21:43.838+0000',
            fields: { entityStatus: 'in_progress' },
          },
        ],
        orderBy: 'entityStatus',
      },
    },
    rules: {
      optional: {
        orderBy: 'search-entities.md: not a response parameter; the example echoes the orderBy it was sent',
        'values[].createdBy.cloudUid': 'search-entities.md: "User unique ID in Yandex Cloud Organization"',
        'values[].createdBy.passportUid': 'search-entities.md: "Unique ID of the user account in the Yandex 360 organization and Yandex ID"',
      },
      requested: { 'values[].fields': ['entityStatus'] },
    },
  },

  entityLinks: {
    doc: 'en/tracker/concepts/entities/links/get-links.md',
    request: { method: 'GET', path: '/v2/entities/project/655f328da834c76300000001/links', query: { fields: 'id,summary' } },
    response: {
      status: 200,
      body: [
        { type: 'is dependent by', linkFieldValues: { summary: 'First project', id: '6582874de6db7f5f00000001' } },
        { type: 'relates', linkFieldValues: { summary: 'Second project', id: '65868f3fe2b9ef7400000001' } },
      ],
    },
    rules: { requested: { '[].linkFieldValues': ['id', 'summary'] } },
  },

  addEntityLinks: {
    doc: 'en/tracker/concepts/entities/links/add-links.md',
    request: {
      method: 'POST',
      path: '/v2/entities/project/655f328da834c76300000001/links',
      body: [
        { relationship: 'is dependent by', entity: '6582874de6db7f5f00000001' },
        { relationship: 'relates', entity: '65868f3fe2b9ef7400000001' },
      ],
    },
    // 200; the page documents no body.
    response: { status: 200 },
  },

  deleteEntityLink: {
    doc: 'en/tracker/concepts/entities/links/delete-link.md',
    request: { method: 'DELETE', path: '/v2/entities/project/655f328da834c76300000001/links', query: { right: '6582874de6db7f5f00000001' } },
    // 200; the page documents no body.
    response: { status: 200 },
  },
} satisfies Record<string, DocExample>;

function prefixed(prefix: string, reasons: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(reasons).map(([k, v]) => [`${prefix}.${k}`, v]));
}
