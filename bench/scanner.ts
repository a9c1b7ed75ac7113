// Comment-scanner throughput per language family: builds a ~2 MB source per
// family from a representative snippet, runs scanComments and
// findKeysInComments several times and reports the median as MB/s.
// Run: `npm run compile-tests && node out/bench/scanner.js`.

import * as os from 'node:os';
import { findKeysInComments, scanComments, type ScannerFamily } from '../src/keys/scanner';

/** Row shape shared with the other benches (bench/run.ts aggregates them). */
export interface Row {
  section: string;
  metric: string;
  value: string;
  note?: string;
}

export interface ScannerMeasurement {
  family: ScannerFamily;
  languageId: string;
  /** UTF-16 code units; the sources are ASCII, so also bytes. */
  size: number;
  ranges: number;
  keys: number;
  /** Median milliseconds of scanComments. */
  scanMs: number;
  /** Median milliseconds of findKeysInComments (scan + key search). */
  keysMs: number;
}

export interface ScannerBenchOptions {
  /** Target size of each generated source in characters (default 2 MB). */
  size?: number;
  /** Timed runs per family; the median is reported (default 7). */
  runs?: number;
}

// One snippet per family, written the way real files look: code, strings
// that contain key-like text and comment markers, and comments with keys.
// `$` is replaced with a running number so repeats are not identical.
const SNIPPETS: [ScannerFamily, string, string][] = [
  ['js', 'typescript', `
/**
 * Loads the user list (TREK-$). See https://tracker.yandex.ru/TREK-$
 */
export async function load$(api: Api, id: string): Promise<User[]> {
  const url = \`/users/\${id}?q=// not a comment TREK-$\`; // build the URL
  const re = "a \\" // b"; const color = '#fff';
  if (!id) throw new Error("missing id: TREK-$"); /* guard, see TREK-$ */
  return (await api.get(url)).items.map((u: User) => ({ ...u, name: u.name.trim() }));
}
`],
  ['c', 'java', `
/** Service for orders. Refs PROJ-$. */
public final class OrderService$ {
  private static final String SQL = "select * from t where a = '// x' -- PROJ-$";
  // TODO(PROJ-$): cache the result
  public int count(char c) { return c == '"' ? 1 : 0; } /* quotes: PROJ-$ */
  private final String block = """
      text block // not a comment PROJ-$
      """;
}
`],
  ['cNested', 'kotlin', `
/* outer /* nested KOT-$ */ still comment */
class Repo$(private val db: Db) {
  // Fetch all, KOT-$
  fun all(): List<Row> = db.query("select * from rows -- KOT-$").map { it.copy(name = "\${it.name}") }
  val raw = """multi // KOT-$ line"""
}
`],
  ['go', 'go', `
// Handler$ serves the index page (GO-$).
func Handler$(w http.ResponseWriter, r *http.Request) {
	path := \`C:\\raw\\string // GO-$\`
	msg := "escaped \\" // GO-$" /* inline GO-$ */
	if r.Method != "GET" { http.Error(w, msg+path, 405); return } // reject GO-$
	_ = '"'
}
`],
  ['rust', 'rust', `
/// Parses the header (RS-$).
fn parse$<'a>(input: &'a str) -> Result<&'a str, Error> {
    let quote = '"'; let raw = r#"not // a comment RS-$"#;
    /* block /* nested RS-$ */ end */
    input.split(':').next().ok_or(Error::new("bad RS-$")) // tail RS-$
}
`],
  ['php', 'php', `
<?php
// Controller $ (PHP-$)
#[Route("/items/$")]
function items$($req) { # hash comment PHP-$
    $sql = "SELECT * FROM t WHERE x = '# not PHP-$'";
    /* block PHP-$ */ return json_encode(['id' => $req->id, 'q' => 'it\\'s']);
}
`],
  ['css', 'css', `
/* Card styles, see WEB-$ */
.card-$ { color: #fff; content: "/* not a comment WEB-$ */"; background: url(data:x); }
.card-$:hover { border: 1px solid #000; } /* hover WEB-$ */
`],
  ['scss', 'scss', `
// Mixins for WEB-$
@mixin card-$ { background: url(http://cdn.example/WEB-$.png); color: #fff; } /* WEB-$ */
.a-$ { @include card-$; content: "// not WEB-$"; }
`],
  ['python', 'python', `
def handler_$(event, context):
    """Handle the event (PY-$).

    Retries on failure, see PY-$.
    """
    color = '#fff'  # default colour PY-$
    query = "SELECT '#' FROM t"  # PY-$
    text = """not a docstring PY-$"""
    return {"status": 200, "body": f"{event['id']} # PY-$"}
`],
  ['ruby', 'ruby', `
# Model $ (RB-$)
class Model$ < Base
  def name = "#{first} #{last} # not RB-$" # trailing RB-$
  SQL = 'select 1 # RB-$'
end
`],
  ['shell', 'shellscript', `
# deploy step $ (OPS-$)
deploy_$() {
  local n=$# first=\${1#prefix} # args OPS-$
  echo "building # not a comment OPS-$" 'single # OPS-$'
  cat <<EOF
it's a heredoc # OPS-$
EOF
}
`],
  ['powershell', 'powershell', `
<# Block help for OPS-$ #>
function Get-Item$ { param($Path) # path OPS-$
  Write-Host "value: \`"# not OPS-$\`"" 'single # OPS-$'
}
`],
  ['hash', 'yaml', `
# service $ (OPS-$)
service_$:
  image: "registry/app:1.$ # not OPS-$" # pinned, OPS-$
  url: http://host/path#anchor
  title: it's fine # OPS-$
`],
  ['ini', 'ini', `
; section $ (OPS-$)
[section$]
# comment OPS-$
key$ = value;not a comment #OPS-$
`],
  ['sql', 'sql', `
-- report $ (DB-$)
SELECT id, 'it''s -- not DB-$' AS note, "col -- DB-$"
FROM orders /* filter DB-$ */ WHERE total > $;
`],
  ['lua', 'lua', `
-- module $ (LUA-$)
local M$ = {}
--[[ long comment LUA-$ ]]
function M$.f(t) local s = [[long -- string LUA-$]] return t[1] .. "-- LUA-$" end -- tail LUA-$
`],
  ['haskell', 'haskell', `
-- | Module $ (HS-$)
{- block {- nested HS-$ -} -}
f$ :: Int -> Int
f$ x' = x' + length "-- not HS-$" -- tail HS-$
`],
  ['ml', 'ocaml', `
(* Module $ (ML-$) (* nested *) *)
let f$ x = x ^ "(* not ML-$ *)" (* tail ML-$ *)
type 'a t$ = 'a list
`],
  ['fsharp', 'fsharp', `
// Module $ (FS-$)
(* block FS-$ *)
let f$ x = x + "// not FS-$" // tail FS-$
`],
  ['lisp', 'clojure', `
;; function $ (CLJ-$)
(defn f$ [x] (str x "; not CLJ-$" \\;)) ; tail CLJ-$
`],
  ['asm', 'asm', `
; routine $ (ASM-$)
r$: mov al, ';' ; load ASM-$
    db "; not ASM-$", 0
`],
  ['latex', 'latex', `
% section $ (TEX-$)
\\section{Part $} 50\\% done % tail TEX-$
`],
  ['erlang', 'erlang', `
%% module $ (ERL-$)
f$(X) -> {X, "% not ERL-$", $%}. % tail ERL-$
`],
  ['matlab', 'matlab', `
% function $ (MAT-$)
function y = f$(x)
  y = x' * 2; s = 'a % not MAT-$'; % tail MAT-$
end
`],
  ['vb', 'vb', `
' Module $ (VB-$)
Dim s$ As String = "it's ' not VB-$" ' tail VB-$
REM remark VB-$
`],
  ['html', 'html', `
<!-- section $ (WEB-$) -->
<section id="s$" title="not WEB-$"><p>Fixes WEB-$ and more text here.</p>
<script>var s = "WEB-$"; // script WEB-$</script></section>
`],
  ['xml', 'xml', `
<!-- item $ (XML-$) -->
<item id="$" ref="XML-$"><name>not XML-$</name><![CDATA[ <!-- XML-$ --> ]]></item>
`],
  ['text', 'markdown', `
## Release note $

Fixed TREK-$ and TREK-$ (see https://tracker.yandex.ru/TREK-$). Dates like 2026-08-01,
encodings like utf-8 and runs like ABC-1-2 are not keys.
`],
  ['fallback', 'unknown-language', `
// entry $ (ANY-$)
value$ = "string // not ANY-$" # hash ANY-$
/* block ANY-$ */ other = 'it''s'
`],
];

/** Repeats a family's snippet up to `size` characters, numbering each copy. */
export function generateSource(snippet: string, size: number): string {
  const parts: string[] = [];
  let total = 0;
  for (let i = 1; total < size; i++) {
    const part = snippet.replace(/\$/g, String(i));
    parts.push(part);
    total += part.length;
  }
  return parts.join('');
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function timeIt(fn: () => unknown): number {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/** Raw measurements, one per family. */
export function measureScanner(options: ScannerBenchOptions = {}): ScannerMeasurement[] {
  const size = options.size ?? 2_000_000;
  const runs = Math.max(1, options.runs ?? 7);
  return SNIPPETS.map(([family, languageId, snippet]) => {
    const text = generateSource(snippet, size);
    // Warm-up: let the JIT see the code paths before timing.
    const ranges = scanComments(text, languageId).length;
    const keys = findKeysInComments(text, languageId).length;
    const scan: number[] = [];
    const withKeys: number[] = [];
    for (let r = 0; r < runs; r++) {
      scan.push(timeIt(() => scanComments(text, languageId)));
      withKeys.push(timeIt(() => findKeysInComments(text, languageId)));
    }
    return { family, languageId, size: text.length, ranges, keys, scanMs: median(scan), keysMs: median(withKeys) };
  });
}

/** Megabytes (10^6 characters) per second. */
export function mbPerSecond(size: number, ms: number): number {
  return ms > 0 ? size / 1e6 / (ms / 1000) : Infinity;
}

const fmtRate = (x: number) => (Number.isFinite(x) ? `${x.toFixed(0)} MB/s` : '∞');

/** The bench as rows for the aggregator: one per family. */
export async function runScannerBench(options: ScannerBenchOptions = {}): Promise<Row[]> {
  return measureScanner(options).map((m) => ({
    section: 'Comment scanner',
    metric: `${m.family} (${m.languageId})`,
    value: `${fmtRate(mbPerSecond(m.size, m.scanMs))} scan, ${fmtRate(mbPerSecond(m.size, m.keysMs))} scan+keys`,
    note: `${(m.size / 1e6).toFixed(1)} MB, ${m.ranges} ranges, ${m.keys} keys, median of ${options.runs ?? 7}`,
  }));
}

export function machineLine(): string {
  const cpus = os.cpus();
  return `${cpus[0]?.model ?? 'unknown CPU'} × ${cpus.length}, ${os.platform()} ${os.arch()}, Node ${process.version}`;
}

function printMeasurements(ms: ScannerMeasurement[], runs: number): void {
  const head = ['Family', 'Language', 'Size', 'Ranges', 'Keys', 'scan', 'scan+keys', 'scan ms'];
  const rows = ms.map((m) => [
    m.family,
    m.languageId,
    `${(m.size / 1e6).toFixed(1)} MB`,
    String(m.ranges),
    String(m.keys),
    fmtRate(mbPerSecond(m.size, m.scanMs)),
    fmtRate(mbPerSecond(m.size, m.keysMs)),
    m.scanMs.toFixed(2),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(`Comment scanner — median of ${runs} runs — ${machineLine()}`);
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}

if (require.main === module) {
  const runs = Number(process.env.BENCH_RUNS) || 7;
  printMeasurements(measureScanner({ runs }), runs);
}
