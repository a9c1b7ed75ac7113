import * as assert from 'node:assert/strict';
import { findKeysInComments, findKeysInRanges, scanComments } from '../../../src/keys/scanner';

// Convention: every KEEP-n in a snippet sits in a comment (or prose) and
// must be found; every SKIP-n sits in code, a string, an identifier… and
// must not. So each row states its own expectation.
function check(languageId: string, text: string): void {
  const expected = [...text.matchAll(/KEEP-\d+/g)].map((m) => ({ key: m[0], start: m.index, end: m.index + m[0].length }));
  const found = findKeysInComments(text, languageId).filter((m) => /^(KEEP|SKIP)-/.test(m.key));
  assert.deepEqual(found, expected);
}

type Row = [name: string, text: string];

const TABLE: Record<string, Row[]> = {
  typescript: [
    ['line comment', 'const a = 1; // KEEP-1\nconst b = 2;'],
    ['block comment across lines', 'let x = 1; /* first\n * KEEP-1\n * KEEP-2 */ let y = 2;'],
    ['JSDoc', '/**\n * Fixes KEEP-1.\n * @see KEEP-2\n */\nfunction f() {}'],
    ['strings are skipped', 'const s = "SKIP-1 // SKIP-2"; const t = \'SKIP-3 /* SKIP-4 */\'; // KEEP-1'],
    ['escaped quotes inside strings', 'const a = "a \\" // SKIP-1"; // KEEP-1'],
    ['escaped backslash before the closing quote', 'const a = "a\\\\"; // KEEP-1'],
    ['template strings, multi-line', 'const t = `line\n// SKIP-1\n${x} SKIP-2`; // KEEP-1'],
    ['#fff is a string', "const c = '#fff'; const d = \"#SKIP-1\"; // KEEP-1"],
    ['identifiers', 'const SKIP_1 = mySKIP-2; // KEEP-1'],
    ['unterminated string ends at the line', 'const s = "SKIP-1\n// KEEP-1'],
    ['unterminated block comment runs to EOF', 'code(); /* KEEP-1\nKEEP-2'],
    ['unterminated template runs to EOF', 'const t = `SKIP-1\n// SKIP-2'],
    ['URL in a string', 'fetch("https://x.io/SKIP-1"); // see https://tracker.yandex.ru/KEEP-1'],
    ['division is not a comment', 'const r = a / b / c; // KEEP-1'],
    ['regex literals with quotes and slashes', 'const re = /"\\/\\/ SKIP-1/g; // KEEP-1\nif (/\'/.test(s)) x(); // KEEP-2'],
    ['regex after return, with a class', 'return /[/"]SKIP-1/.test(s); // KEEP-1'],
    ['decrement then division', 'i-- / 2; // KEEP-1'],
    ['division after a value, over lines', 'const r = (a + b) / 2 / c; // KEEP-1\nconst q = x\n  / y; // KEEP-2'],
    ['key glued to the comment marker', '//KEEP-1\n/*KEEP-2*/'],
    ['CRLF line endings', 'a(); // KEEP-1\r\nb(); // KEEP-2\r\n'],
  ],
  javascriptreact: [['JSX comments', 'return <div>{/* KEEP-1 */}<p title="SKIP-1">x</p></div>; // KEEP-2']],
  go: [
    ['line and block', 'package x // KEEP-1\n/* KEEP-2 */\nfunc f() {}'],
    ['raw strings (no escapes, multi-line)', 'var s = `C:\\ // SKIP-1\nSKIP-2` // KEEP-1'],
    ['rune literals', "r := '\"' // KEEP-1\nq := '\\'' // KEEP-2"],
    ['strings', 's := "// SKIP-1" // KEEP-1'],
  ],
  rust: [
    ['doc comments', '/// Fixes KEEP-1\n//! KEEP-2\nfn f() {}'],
    ['nested block comments', '/* outer /* inner KEEP-1 */ still KEEP-2 */ let SKIP_3 = 1;'],
    ['lifetimes are not char literals', "fn f<'a>(x: &'a str) -> &'a str { x } // KEEP-1"],
    ['char literals', "let q = '\"'; let s = \"SKIP-1\"; // KEEP-1\nlet e = '\\''; // KEEP-2"],
    ['raw strings', 'let r = r#"a " // SKIP-1"#; let b = br"SKIP-2"; // KEEP-1'],
    ['multi-line strings', 'let s = "line\n// SKIP-1\n"; // KEEP-1'],
    ['unterminated nested comment', 'fn f() {} /* a /* b */ KEEP-1'],
  ],
  java: [
    ['text blocks', 'String s = """\n  // SKIP-1\n  """; // KEEP-1'],
    ['char literal quote', "char c = '\"'; // KEEP-1"],
    ['Javadoc', '/** {@link Foo} KEEP-1 */ class A {}'],
  ],
  csharp: [
    ['verbatim strings: backslash is literal', 'var p = @"C:\\dir\\"; // KEEP-1'],
    ['XML doc comments', '/// <summary>KEEP-1</summary>\nclass A {}'],
  ],
  cpp: [
    ['raw strings', 'auto s = R"x(// SKIP-1 ")x"; // KEEP-1'],
    ['digit separators', "int n = 1'000'000; // KEEP-1"],
    ['preprocessor line is code', '#include "SKIP-1.h" // KEEP-1'],
  ],
  c: [['block comment', 'int x; /* KEEP-1 */ char *s = "/* SKIP-1 */";']],
  kotlin: [
    ['nested comments and raw strings', '/* a /* b */ KEEP-1 */\nval s = """// SKIP-1"""'],
    ['string templates', 'val s = "${a} SKIP-1" // KEEP-1'],
  ],
  swift: [['nested comments', '/* /* */ KEEP-1 */ let s = "SKIP-1" // KEEP-2']],
  scala: [['line', 'val x = "SKIP-1" // KEEP-1']],
  dart: [['strings and comments', "var s = 'SKIP-1'; // KEEP-1\n/// KEEP-2"]],
  php: [
    ['all three comment styles', '<?php\n// KEEP-1\n# KEEP-2\n/* KEEP-3 */\n$s = "SKIP-1";'],
    ['attributes are not comments', '#[Route("/SKIP-1")]\nfunction f() {} # KEEP-1'],
    ['heredoc', "$s = <<<EOT\nit's # SKIP-1\nEOT;\n// KEEP-1"],
    ['single-quoted', "$s = 'it\\'s # SKIP-1'; // KEEP-1"],
  ],
  css: [['only block comments', '/* KEEP-1 */ a { color: #fff; content: "SKIP-1"; } // SKIP-2']],
  scss: [['line comments but not URLs', 'a { background: url(http://x/SKIP-1); } // KEEP-1\n/* KEEP-2 */']],
  python: [
    ['hash comments', 'x = 1  # KEEP-1\n# KEEP-2'],
    ['docstrings count', 'def f():\n    """Fixes KEEP-1.\n\n    Also KEEP-2.\n    """\n    return 1'],
    ["single-quoted docstrings", "class A:\n    '''KEEP-1'''"],
    ['raw docstring', 'def f():\n    r"""KEEP-1 \\d"""'],
    ['other triple-quoted strings do not', 'x = """SKIP-1"""\ny = f(\'\'\'SKIP-2\'\'\')  # KEEP-1'],
    ['strings with hashes', "c = '#fff'; d = \"# SKIP-1\"  # KEEP-1"],
    ['single-quoted strings with escapes', "s = 'it\\'s # SKIP-1'  # KEEP-1"],
    ['prefixed strings', 'f"{x} # SKIP-1"; rb"# SKIP-2"  # KEEP-1'],
    ['unterminated docstring at EOF', 'def f():\n    """KEEP-1\n    KEEP-2'],
  ],
  ruby: [
    ['hash and =begin/=end', "# KEEP-1\n=begin\nKEEP-2\n=end\nputs 'SKIP-1' # KEEP-3"],
    ['=begin not at line start is code', 'x = 1 =begin SKIP-1'],
    ['interpolation stays in the string', 'puts "#{x} SKIP-1" # KEEP-1'],
  ],
  shellscript: [
    ['comments at word start', 'echo hi # KEEP-1\n# KEEP-2\nls'],
    ['# inside words and parameter expansions', 'echo $# ${#arr[@]} ${x#SKIP-1} a#SKIP-2 # KEEP-1'],
    ['quotes', "echo 'a # SKIP-1' \"b # SKIP-2\" # KEEP-1"],
    ['here-documents are skipped', "cat <<EOF\ndon't # SKIP-1\nEOF\n# KEEP-1"],
    ['indented here-documents', "cat <<-'END'\n\tit's # SKIP-1\n\tEND\n# KEEP-1"],
    ['here-strings', "cat <<< 'SKIP-1' # KEEP-1"],
  ],
  powershell: [
    ['line and block', '# KEEP-1\n<# KEEP-2\nKEEP-3 #>\nWrite-Host "SKIP-1" # KEEP-4'],
    ['backtick escapes', 'Write-Host "a `" # SKIP-1" # KEEP-1'],
    ['here-strings', '$s = @"\n# SKIP-1\n"@ # KEEP-1'],
  ],
  yaml: [
    ['comments', '# KEEP-1\nkey: value # KEEP-2\nlist:\n  - item # KEEP-3'],
    ['quoted values', 'a: "x # SKIP-1" # KEEP-1\nb: \'y # SKIP-2\' # KEEP-2'],
    ['# inside a plain value is not a comment', 'url: http://x/a#SKIP-1 # KEEP-1'],
    ["apostrophes inside words", "title: it's SKIP-1 # KEEP-1"],
  ],
  toml: [['comments and multi-line strings', 'a = """\n# SKIP-1\n""" # KEEP-1']],
  dockerfile: [['comment lines', '# KEEP-1\nFROM node:20\nRUN echo "SKIP-1"']],
  makefile: [['comments', 'all: # KEEP-1\n\techo SKIP-1']],
  ini: [
    ['semicolon and hash at line start', '; KEEP-1\n# KEEP-2\n[s]\nkey = a;SKIP-1 #SKIP-2'],
    ['indented comments', '  ; KEEP-1'],
  ],
  properties: [['hash comments', '# KEEP-1\nurl=http://x#SKIP-1']],
  sql: [
    ['line and block', "SELECT 1 -- KEEP-1\n/* KEEP-2 */ FROM t WHERE a = '-- SKIP-1'"],
    ['doubled quotes', "SELECT 'it''s -- SKIP-1' -- KEEP-1"],
    ['quoted identifiers', 'SELECT "SKIP-1 -- x" -- KEEP-1'],
  ],
  lua: [
    ['line and long comments', '-- KEEP-1\n--[[ KEEP-2\nKEEP-3 ]]\n--[==[ KEEP-4 ]] still ]==] x = 1'],
    ['long strings', 'local s = [[\n-- SKIP-1\n]] -- KEEP-1'],
    ['strings', 'local s = "-- SKIP-1" -- KEEP-1'],
    ['indexing is not a long string', 'local v = t[i[1]] -- KEEP-1'],
  ],
  haskell: [
    ['line and nested block comments', '-- KEEP-1\n{- a {- b -} KEEP-2 -}\nmain = putStrLn "SKIP-1"'],
    ['operators with dashes are code', 'x --> y -- KEEP-1\na |-- b'],
    ['primes are not char literals', "let x' = 1 -- KEEP-1\nc = '\"' -- KEEP-2"],
    ['haddock', '-- | Docs KEEP-1\nf = 1'],
  ],
  ocaml: [
    ['nested comments', '(* a (* b *) KEEP-1 *) let s = "(* SKIP-1 *)"'],
    ['multiplication section', 'let f = ( * ) (*) in 1 (* KEEP-1 *)'],
    ['type variables', "type 'a t = 'a list (* KEEP-1 *)"],
  ],
  fsharp: [['line and block', '// KEEP-1\n(* KEEP-2 *)\nlet s = "// SKIP-1"\nlet v = @"C:\\" // KEEP-3']],
  clojure: [
    ['semicolons', '(defn f [] 1) ; KEEP-1\n;; KEEP-2'],
    ['strings and char literals', '(str "; SKIP-1" \\; "x") ; KEEP-1'],
  ],
  lisp: [['block comments', '#| KEEP-1 |# (+ 1 2) ; KEEP-2']],
  asm: [['semicolons', "mov al, ';' ; KEEP-1\ndb \"; SKIP-1\""]],
  latex: [['percent, not escaped', '50\\% done SKIP-1 % KEEP-1\n\\section{SKIP-2}']],
  erlang: [['percent, strings and $ chars', 'f() -> "% SKIP-1", $%, \'%SKIP-2\'. % KEEP-1']],
  matlab: [
    ['percent and blocks', "% KEEP-1\n%{\nKEEP-2\n%}\nx = y'; % KEEP-3"],
    ['strings vs transpose', "s = 'a % SKIP-1'; t = x' % KEEP-1"],
  ],
  vb: [
    ['apostrophe and REM', "' KEEP-1\nREM KEEP-2\nDim s = \"it's SKIP-1\" ' KEEP-3"],
    ['REMark is code', 'Dim REMARK = "SKIP-1"'],
  ],
  html: [
    ['comments and text count, attributes do not', '<!-- KEEP-1 --><p title="SKIP-1">Fixes KEEP-2</p>'],
    ['scripts and styles are skipped', '<script>var s = "SKIP-1"; // SKIP-2</script><style>/* SKIP-3 */</style><b>KEEP-1</b>'],
    ['< in text', '<p>a < b KEEP-1</p>'],
    ['unterminated comment', '<p>x</p><!-- KEEP-1'],
    ['quoted > in attributes', '<a title="x > SKIP-1">KEEP-1</a>'],
  ],
  xml: [
    ['comments only', '<?xml version="1.0"?>\n<!-- KEEP-1 -->\n<a b="SKIP-1">SKIP-2</a>'],
    ['CDATA is skipped', '<a><![CDATA[ <!-- SKIP-1 --> ]]></a><!-- KEEP-1 -->'],
  ],
  markdown: [['anywhere counts', '# Title KEEP-1\n\n```js\nconst x = "KEEP-2";\n```\nDone: KEEP-3.']],
  plaintext: [['anywhere counts', 'KEEP-1 and KEEP-2']],
  'git-commit': [['anywhere counts', 'Fix login (KEEP-1)\n\nRefs: KEEP-2']],
  'some-unknown-language': [
    ['fallback comments', '// KEEP-1\n# KEEP-2\n/* KEEP-3 */ x = "SKIP-1" \'SKIP-2\''],
    ['fallback apostrophes in words', "it's SKIP-1 // KEEP-1"],
  ],
};

describe('keys/scanner', () => {
  for (const [languageId, rows] of Object.entries(TABLE)) {
    describe(languageId, () => {
      for (const [name, text] of rows) it(name, () => check(languageId, text));
    });
  }

  it('comment ranges exclude the markers', () => {
    const text = 'a // b\nc /* d */ e';
    const parts = scanComments(text, 'typescript').map((r) => text.slice(r.start, r.end));
    assert.deepEqual(parts, [' b', ' d ']);
  });

  it('docstring ranges are the docstring body', () => {
    const text = 'def f():\n    """Doc."""\n';
    assert.deepEqual(scanComments(text, 'python').map((r) => text.slice(r.start, r.end)), ['Doc.']);
  });

  it('prose languages are one range; empty text has none', () => {
    assert.deepEqual(scanComments('abc', 'markdown'), [{ start: 0, end: 3 }]);
    assert.deepEqual(scanComments('', 'markdown'), []);
    assert.deepEqual(scanComments('', 'typescript'), []);
  });

  it('ranges are ordered and disjoint', () => {
    const text = '/* a */ // b\n"c" /* d\n*/ // e';
    const ranges = scanComments(text, 'javascript');
    for (let i = 1; i < ranges.length; i++) assert.ok(ranges[i - 1].end <= ranges[i].start);
  });

  it('known queues apply inside comments', () => {
    const text = '// KEEP-1 OTHER-2';
    assert.deepEqual(
      findKeysInComments(text, 'go', { knownQueues: new Set(['OTHER']) }).map((m) => m.key),
      ['OTHER-2'],
    );
  });

  it('findKeysInRanges works on scanned ranges', () => {
    const text = 'x(); // TREK-1\ny(); /* TREK-2 */';
    const ranges = scanComments(text, 'typescript');
    assert.deepEqual(findKeysInRanges(text, ranges).map((m) => m.key), ['TREK-1', 'TREK-2']);
  });

  it('reads each VS Code language id with its family\'s syntax (unknown ids with the fallback)', () => {
    // Ids in one row read every snippet above alike; no two rows read them all alike.
    const families: string[][] = [
      ['typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'dart'],
      ['java', 'csharp', 'c', 'cpp'],
      ['kotlin', 'swift', 'scala'],
      ['python'], ['go'], ['rust'], ['php'], ['ruby'], ['shellscript'], ['powershell'],
      ['yaml', 'toml', 'dockerfile', 'makefile'], ['ini'], ['sql'], ['lua'], ['haskell'], ['ocaml'], ['fsharp'],
      ['clojure'], ['latex'], ['erlang'], ['matlab'], ['vb'], ['html'], ['xml'],
      ['markdown', 'plaintext'], ['nope'],
    ];
    const probes = Object.values(TABLE).flatMap((rows) => rows.map(([, text]) => text));
    const reading = (id: string): string => JSON.stringify(probes.map((text) => scanComments(text, id)));
    const readers = new Map<string, string>();
    for (const [first, ...rest] of families) {
      const r = reading(first);
      for (const id of rest) assert.ok(reading(id) === r, `${id} reads like ${first}`);
      assert.ok(!readers.has(r), `${first} reads like ${readers.get(r)}`);
      readers.set(r, first);
    }
  });

  describe('linear on hostile input (no timing; quadratic would time out)', () => {
    const big = 1_000_000;
    const inputs: [string, string][] = [
      ['quotes', '"'.repeat(big)],
      ['openers', '/*'.repeat(big / 2)],
      ['nested openers then a closer', '/*'.repeat(big / 2) + '*/'],
      ['closers', '*/'.repeat(big / 2)],
      ['backslashes', '\\'.repeat(big)],
      ['apostrophes', "'".repeat(big)],
      ['dashes', '-'.repeat(big)],
      ['here-doc starts', '<<EOF\n'.repeat(big / 6)],
      ['long brackets', '--[['.repeat(big / 4)],
      ['angle brackets', '<'.repeat(big)],
      ['raw string starts', 'R"'.repeat(big / 2)],
      ['spaces and semicolons', ' ;'.repeat(big / 2)],
    ];
    it('many comments without a dash, one dash at the very end', () => {
      // Each comment's dash search would run to the end without the shared cursor.
      const text = '// a\n'.repeat(big / 5) + 'x - y';
      assert.deepEqual(findKeysInComments(text, 'typescript'), []);
      const keyed = '// a\n'.repeat(big / 5) + '// TREK-1';
      assert.deepEqual(findKeysInComments(keyed, 'typescript').map((m) => m.key), ['TREK-1']);
    });
    // One language of each family with its own rules for these characters.
    const languages = ['typescript', 'rust', 'python', 'shellscript', 'lua', 'html', 'c', 'ini', 'haskell', 'sql'];
    for (const [name, text] of inputs) {
      it(name, () => {
        for (const id of languages) assert.ok(Array.isArray(scanComments(text, id)));
      });
    }
  });
});
