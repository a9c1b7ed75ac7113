// The hover card's Markdown: escaping of server text, the command allowlist,
// grouping and truncation. Rendering goes through markdown-it (CommonMark,
// shipped with @vscode/vsce) to prove injected Markdown/HTML stays inert.
import * as assert from 'node:assert/strict';
import { buildIssueHover, buildMessageHover, commandUri, HOVER_COMMANDS, type HoverLabels, type IssueHoverModel } from '../../../src/editor/markdown';
import type { Issue, IssueLink } from '../../../src/tracker/types';

interface MarkdownIt {
  render(src: string): string;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const markdownIt = require('markdown-it') as (opts: { html: boolean; linkify: boolean }) => MarkdownIt;
// HTML on and linkify on: stricter than VS Code's hover (HTML off), so "inert here" means inert there.
const md = markdownIt({ html: true, linkify: true });

const labels: HoverLabels = {
  status: 'Status',
  type: 'Type',
  assignee: 'Assignee',
  unassigned: 'unassigned',
  noLinks: 'No links.',
  more: (n) => `+${n} more`,
  group: (id) => `G ${id}`,
  action: {
    'tracker.showLinks': 'Show Links',
    'tracker.showLinkGraph': 'Show Link Graph',
    'tracker.linkToCurrent': 'Link to Current Issue as…',
    'tracker.addLink': 'Add Link…',
    'tracker.openInTracker': 'Open in Tracker',
    'tracker.setCurrentIssue': 'Set as Current Issue',
    'tracker.copyKey': 'Copy Key',
  },
};

const url = (k: string) => `https://tracker.example/${k}`;

function issue(over: Partial<Issue> = {}): Issue {
  return {
    id: '1',
    key: 'TREK-12',
    summary: 'Show linked issues',
    status: { key: 'inProgress', display: 'In progress' },
    type: { key: 'task', display: 'Task' },
    assignee: { id: '1', display: 'Sandbox User' },
    ...over,
  };
}

let nextId = 1;
function lnk(key: string, typeId: string, direction: 'outward' | 'inward', display = `Summary of ${key}`, status = 'open'): IssueLink {
  return {
    id: nextId++,
    type: { id: typeId, inward: 'in', outward: 'out' },
    direction,
    object: { id: key, key, display },
    status: { key: status, display: status },
  };
}

function model(over: Partial<IssueHoverModel> = {}): IssueHoverModel {
  return { issue: issue(), links: [], actions: [...HOVER_COMMANDS], url, ...over };
}

/** What a one-line card makes of server text: its message part. */
function messageOf(text: string): string {
  const card = buildMessageHover('TREK-1', text);
  const key = '**TREK\\-1** — ';
  assert.ok(card.startsWith(key), card);
  return card.slice(key.length);
}

/** The title line of a card for an issue with this summary. */
function title(summary: string): string {
  return buildIssueHover(model({ issue: issue({ summary }) }), labels).split('\n')[0];
}

/** Every href in the rendered HTML. */
function hrefs(html: string): string[] {
  return [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
}

const INJECTIONS = [
  '[x](command:workbench.action.terminal.new)',
  '[x](command:workbench.action.terminal.new?%5B%5D "t")',
  '<a href="command:workbench.action.terminal.new">click</a>',
  '<img src=x onerror=alert(1)>',
  '![img](https://evil.example/p.png)',
  '<command:workbench.action.terminal.new>',
  '<https://evil.example>',
  'see https://evil.example/x and www.evil.example',
  '[ref]\n\n[ref]: command:workbench.action.terminal.new',
  '`code` **bold** _it_ ~~s~~ # h\n- list\n> quote',
  '&lt;a href=x&gt; &#60;b&#62;',
  'a\\[x](command:workbench.action.terminal.new)',
  '$(alert) $(gear~spin)',
];

describe('hover/markdown', () => {
  describe('server text', () => {
    it('escapes every ASCII punctuation character and keeps letters', () => {
      assert.equal(messageOf('a*b_c'), 'a\\*b\\_c');
      assert.equal(messageOf('Привет, мир'), 'Привет\\, мир');
      assert.equal(messageOf('[x](y)'), '\\[x\\]\\(y\\)');
    });

    it('turns line breaks and control characters into single spaces', () => {
      assert.equal(messageOf('a\n\n# b\r\n\tc\u2028d\u0000e'), 'a \\# b c d e');
    });

    for (const text of INJECTIONS) {
      it(`renders literally: ${JSON.stringify(text).slice(0, 50)}`, () => {
        const html = md.render(messageOf(text));
        assert.deepEqual(hrefs(html), []);
        assert.doesNotMatch(html, /<(a|img|code|strong|em|h\d|ul|li|blockquote|s|del)\b/);
        // The text itself survives (spaces collapsed), only entity-encoded by the renderer.
        const plain = html.replace(/<\/?p>\n?/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
        assert.equal(plain.trim(), text.replace(/\s+/g, ' ').trim());
      });
    }
  });

  it('a long summary is cut before escaping, with an ellipsis', () => {
    const key = '**[TREK\\-12](https://tracker.example/TREK-12)** — ';
    assert.equal(title('a'.repeat(201)), `${key}${'a'.repeat(199)}…`);
    assert.equal(title('a'.repeat(200)), `${key}${'a'.repeat(200)}`);
    assert.equal(title('['.repeat(201)), `${key}${'\\['.repeat(199)}…`, 'no escape cut in half');
  });

  it('commandUri encodes the JSON arguments', () => {
    assert.equal(commandUri('tracker.copyKey', 'TREK-12'), 'command:tracker.copyKey?%5B%22TREK-12%22%5D');
    assert.deepEqual(JSON.parse(decodeURIComponent(commandUri('x', 'A-1').split('?')[1])), ['A-1']);
  });

  it('links the key only to http(s), with destination breakers encoded', () => {
    const card = (u: string | undefined) => buildMessageHover('TREK-1', 'm', u);
    assert.equal(card('https://t.example/TREK-1'), '**[TREK\\-1](https://t.example/TREK-1)** — m');
    assert.equal(card('https://t.example/a)b(c'), '**[TREK\\-1](https://t.example/a%29b%28c)** — m');
    for (const refused of ['command:workbench.action.terminal.new', 'javascript:alert(1)', 'https://t.example/a b', undefined]) {
      assert.equal(card(refused), '**TREK\\-1** — m', String(refused));
    }
  });

  describe('buildIssueHover', () => {
    it('shows key and summary linked to Tracker, status, type and assignee', () => {
      const out = buildIssueHover(model(), labels);
      assert.match(out, /^\*\*\[TREK\\-12\]\(https:\/\/tracker\.example\/TREK-12\)\*\* — Show linked issues$/m);
      assert.match(out, /Status: \*In progress\* · Type: Task · Assignee: Sandbox User/);
      assert.match(out, /\*No links\\\.\*/);
    });

    it('says unassigned when there is no assignee', () => {
      assert.match(buildIssueHover(model({ issue: issue({ assignee: undefined }) }), labels), /Assignee: unassigned/);
    });

    it('offers exactly the given actions as command links with the key', () => {
      const out = buildIssueHover(model({ actions: ['tracker.showLinks', 'tracker.copyKey'] }), labels);
      const links = hrefs(md.render(out)).filter((h) => h.startsWith('command:'));
      assert.deepEqual(links, [commandUri('tracker.showLinks', 'TREK-12'), commandUri('tracker.copyKey', 'TREK-12')]);
      const all = buildIssueHover(model(), labels);
      const commands = hrefs(md.render(all)).filter((h) => h.startsWith('command:')).map((h) => h.slice(8).split('?')[0]);
      assert.deepEqual(commands, [...HOVER_COMMANDS]);
    });

    it('keeps injected Markdown and HTML in every server field inert', () => {
      for (const evil of INJECTIONS) {
        const out = buildIssueHover(
          model({
            issue: issue({
              summary: evil,
              status: { key: 'x', display: evil },
              type: { key: 'x', display: evil },
              assignee: { id: '1', display: evil },
            }),
            links: [lnk('TREK-1', 'relates', 'outward', evil, evil)],
          }),
          labels,
        );
        const html = md.render(out);
        const bad = hrefs(html).filter((h) => !h.startsWith('https://tracker.example/') && !HOVER_COMMANDS.some((c) => h.startsWith(`command:${c}?`)));
        assert.deepEqual(bad, [], `for ${evil}`);
        assert.doesNotMatch(html, /<(img|code|h\d|blockquote)\b/, `for ${evil}`);
        // Only our own links: key, linked key, and the actions.
        assert.equal(hrefs(html).length, 2 + HOVER_COMMANDS.length, `for ${evil}`);
      }
    });

    it('does not link the key when the web URL is not http(s)', () => {
      const out = buildIssueHover(model({ url: () => 'command:workbench.action.terminal.new' }), labels);
      assert.deepEqual(hrefs(md.render(out)).filter((h) => !h.startsWith('command:tracker.')), []);
    });

    it('shortens long summaries: 200 characters in the title, 60 for a linked issue', () => {
      const out = buildIssueHover(model({ issue: issue({ summary: 'x'.repeat(1000) }), links: [lnk('WEB-1', 'relates', 'outward', 'y'.repeat(500))] }), labels);
      assert.ok(out.includes(`${'x'.repeat(199)}…`));
      assert.ok(!out.includes('x'.repeat(200)));
      assert.ok(out.includes(`${'y'.repeat(59)}…`));
      assert.ok(!out.includes('y'.repeat(60)));
    });

    it('groups links in tree order, first three per group, then "+N more"', () => {
      const links = [
        lnk('TREK-30', 'relates', 'outward'),
        lnk('TREK-16', 'subtask', 'outward', 'a', 'closed'),
        lnk('TREK-17', 'subtask', 'outward', 'b'),
        lnk('TREK-18', 'subtask', 'outward', 'c'),
        lnk('TREK-19', 'subtask', 'outward', 'd'),
        lnk('TREK-20', 'subtask', 'outward', 'e'),
        // Outward "subtask" on this issue: it is a sub-issue of TREK-10 (its parent).
        lnk('TREK-10', 'subtask', 'inward', 'parent'),
      ];
      const out = buildIssueHover(model({ links }), labels);
      const bullets = out.split('\n').filter((l) => l.startsWith('- '));
      assert.equal(bullets.length, 3);
      assert.match(bullets[0], /^- \*\*G parent\*\* \(1\): \[TREK\\-10\]\(https:\/\/tracker\.example\/TREK-10\) parent \(\*open\*\)$/);
      assert.match(bullets[1], /^- \*\*G subIssues\*\* \(5\): /);
      // Open work first (the closed TREK-16 sinks), then by number; two hidden.
      const shown = [...bullets[1].matchAll(/\[TREK\\-(\d+)\]/g)].map((m) => Number(m[1]));
      assert.deepEqual(shown, [17, 18, 19]);
      assert.match(bullets[1], / · \\\+2 more$/);
      assert.match(bullets[2], /^- \*\*G relates\*\* \(1\): \[TREK\\-30\]/);
      const html = md.render(out);
      assert.equal((html.match(/<li>/g) ?? []).length, 3);
      // The actions come before the list, so a long list never hides them.
      assert.ok(out.indexOf('[Show Links]') < out.indexOf('- **'));
    });

    it('shows a links error line instead of the links', () => {
      const out = buildIssueHover(model({ links: undefined, linksError: 'Links could not be loaded: [boom](command:x)' }), labels);
      assert.match(out, /\*Links could not be loaded\\: \\\[boom\\\]\\\(command\\:x\\\)\*/);
      assert.ok(!out.includes('- **'));
    });
  });

  it('buildMessageHover: "KEY — message", key linked only to http(s)', () => {
    assert.equal(buildMessageHover('TREK-999', 'not found'), '**TREK\\-999** — not found');
    assert.equal(buildMessageHover('TREK-1', 'Tracker is down (HTTP 500).', url('TREK-1')), '**[TREK\\-1](https://tracker.example/TREK-1)** — Tracker is down \\(HTTP 500\\)\\.');
  });
});
