import { strict as assert } from 'node:assert';
import { startSandbox, type SandboxServer } from '../../sandbox/server';
import { toDot, toMermaid, toMermaidBlock, walkGraph, type LinkGraph } from '../../../src/graph';
import { findCycles, type GraphEdge, type GraphNode } from '../../../src/graph/model';
import { sandboxStore } from './sandboxStore';

/** The edge words as kernel/graphWords.ts says them in English (the exporters have none of their own). */
const english = { blocks: 'blocks', parent: 'parent of', epic: 'epic of', relates: 'relates', duplicates: 'duplicates', clone: 'cloned as' };

function node(key: string, summary: string, depth: number, more = false): GraphNode {
  return { key, summary, category: 'new', depth, explored: !more, more };
}

/** Summaries a server may send: quotes, brackets, markup, Cyrillic, a newline; and every kind of edge. */
function hostile(): LinkGraph {
  const nodes = [
    node('TREK-1', 'Say "hello" [now] {ok} (yes) | a#b; c & d', 0),
    node('TREK-2', '<script>alert(1)</script>', 1),
    node('TREK-3', 'Ссылки между задачами\nвторая строка', 1),
    node('TREK-4', "back\\slash and 'single' `tick`", 1, true),
    node('TREK-5', '', 1),
    node('END', 'a key Mermaid would read as a keyword', 2),
  ];
  const edges: GraphEdge[] = [
    { from: 'TREK-1', to: 'TREK-2', kind: 'blocks', directed: true },
    { from: 'TREK-2', to: 'TREK-1', kind: 'blocks', directed: true },
    { from: 'TREK-1', to: 'TREK-3', kind: 'parent', directed: true },
    { from: 'TREK-3', to: 'END', kind: 'epic', directed: true },
    { from: 'TREK-1', to: 'TREK-4', kind: 'relates', directed: false },
    { from: 'TREK-4', to: 'TREK-1', kind: 'duplicates', directed: true },
    { from: 'TREK-1', to: 'TREK-5', kind: 'clone', directed: true },
    { from: 'TREK-5', to: 'END', kind: 'other', directed: true, label: 'implements "x" <b>' },
  ];
  const cycles = findCycles(nodes.map((n) => n.key), edges);
  return { root: 'TREK-1', depth: 2, kinds: 'all', nodes, edges, cycles, truncated: false, unreachable: [] };
}

describe('graph/export', () => {
  it('Mermaid: the golden text, every label escaped with entity codes, Cyrillic as written', () => {
    assert.equal(
      toMermaid(hostile(), { words: english }),
      `flowchart LR
  TREK_1["TREK-1: Say #34;hello#34; #91;now#93; #123;ok#125; #40;yes#41; #124; a#35;b#59; c #38; d"]
  TREK_2["TREK-2: #60;script#62;alert#40;1#41;#60;/script#62;"]
  TREK_3["TREK-3: Ссылки между задачами вторая строка"]
  TREK_4["TREK-4: back#92;slash and #39;single#39; #96;tick#96;"]
  TREK_5["TREK-5"]
  n_END["END: a key Mermaid would read as a keyword"]
  TREK_1 -->|blocks| TREK_2
  TREK_2 -->|blocks| TREK_1
  TREK_1 -->|parent of| TREK_3
  TREK_3 -->|epic of| n_END
  TREK_1 -.-|relates| TREK_4
  TREK_4 ==>|duplicates| TREK_1
  TREK_1 -.->|cloned as| TREK_5
  TREK_5 -->|implements #34;x#34; #60;b#62;| n_END
  %% cycle: TREK-1 → TREK-2 → TREK-1
  linkStyle 0,1 stroke:#d32f2f,stroke-width:2px
  classDef root stroke-width:3px
  class TREK_1 root
  classDef more stroke-dasharray:4 2
  class TREK_4 more
`,
    );
  });

  it('DOT: the golden text, the same directions, strings escaped', () => {
    assert.equal(
      toDot(hostile(), { words: english }),
      `digraph "TREK-1" {
  rankdir=LR;
  node [shape=box, style=rounded];
  "TREK-1" [label="TREK-1: Say \\"hello\\" [now] {ok} (yes) | a#b; c & d", penwidth=3];
  "TREK-2" [label="TREK-2: <script>alert(1)</script>"];
  "TREK-3" [label="TREK-3: Ссылки между задачами вторая строка"];
  "TREK-4" [label="TREK-4: back\\\\slash and 'single' \`tick\`", style="rounded,dashed"];
  "TREK-5" [label="TREK-5"];
  "END" [label="END: a key Mermaid would read as a keyword"];
  "TREK-1" -> "TREK-2" [label="blocks", color="#d32f2f", fontcolor="#d32f2f"];
  "TREK-2" -> "TREK-1" [label="blocks", color="#d32f2f", fontcolor="#d32f2f"];
  "TREK-1" -> "TREK-3" [label="parent of"];
  "TREK-3" -> "END" [label="epic of"];
  "TREK-1" -> "TREK-4" [label="relates", style=dashed, dir=none];
  "TREK-4" -> "TREK-1" [label="duplicates", style=bold];
  "TREK-1" -> "TREK-5" [label="cloned as", style=dotted];
  "TREK-5" -> "END" [label="implements \\"x\\" <b>"];
  // cycle: TREK-1 → TREK-2 → TREK-1
}
`,
    );
  });

  it('long summaries are shortened; words can be another language; a Markdown block is fenced', () => {
    const g = hostile();
    g.nodes[1].summary = 'x'.repeat(100);
    const words = { blocks: 'блокирует', parent: 'родитель', epic: 'эпик', relates: 'связана', duplicates: 'дублирует', clone: 'клон' };
    const text = toMermaid(g, { words, maxSummary: 10 });
    assert.match(text, /TREK_2\["TREK-2: xxxxxxxxx…"\]/);
    assert.match(text, /TREK_1 -->\|блокирует\| TREK_2/);
    assert.equal(toMermaidBlock(g, { words }), `\`\`\`mermaid\n${toMermaid(g, { words })}\`\`\`\n`);
  });

  describe('a walked graph', () => {
    let sb: SandboxServer;
    before(async () => {
      sb = await startSandbox();
    });
    after(() => sb.close());

    it("TREK-12's dependencies, two levels, as Mermaid and DOT", async () => {
      const g = await walkGraph(sandboxStore(sb).store, 'TREK-12', { depth: 2, kinds: 'dependencies' });
      assert.equal(
        toMermaid(g, { words: english }),
        `flowchart LR
  TREK_12["TREK-12: Show linked issues in the sidebar tree"]
  MOB_4["MOB-4: Linked issues screen"]
  TREK_11["TREK-11: Fetch link types and cache them per session"]
  TREK_14["TREK-14: Client: retry on 429 with Retry-After"]
  TREK_19["TREK-19: Add-link command with an issue picker"]
  TREK_20["TREK-20: Copy a link as Markdown"]
  TREK_15["TREK-15: Client: typed errors for 401, 403 and 422"]
  TREK_11 -->|blocks| TREK_12
  TREK_12 -->|blocks| MOB_4
  TREK_12 -->|blocks| TREK_19
  TREK_12 -->|blocks| TREK_20
  TREK_14 -->|blocks| TREK_12
  TREK_15 -->|blocks| TREK_14
  classDef root stroke-width:3px
  class TREK_12 root
  classDef more stroke-dasharray:4 2
  class TREK_15 more
`,
      );
      assert.match(toDot(g, { words: english }), /"TREK-15" -> "TREK-14" \[label="blocks"\];\n/);
    });
  });
});
