// Finds the comment text of a document, per language family, so issue keys
// are only picked up where people write prose: comments and docstrings.
//
// One linear pass per document. In code, each character costs one table
// lookup; only characters that can open a comment or a string run a rule,
// and rules jump ahead with indexOf or a tight loop. No regular expressions
// on the hot path, so nothing can backtrack.

import { type KeyMatch, type KeyMatchOptions, newDashCursor, scanKeysInRange } from './keys';

/** A span of comment (or prose) text: markers excluded, `end` exclusive. */
export interface CommentRange {
  start: number;
  end: number;
}

export type ScannerFamily =
  | 'c' // C, C++, C#, Java, Objective-C, shaders, proto…
  | 'cNested' // Kotlin, Swift, Scala: C-like with nested block comments
  | 'js' // JavaScript, TypeScript, JSX/TSX, JSON(C), Dart
  | 'go'
  | 'rust'
  | 'php'
  | 'css'
  | 'scss' // SCSS, Less: CSS plus `//`
  | 'python'
  | 'ruby'
  | 'shell' // sh, bash, zsh, fish
  | 'powershell'
  | 'hash' // YAML, TOML, Dockerfile, Makefile, CMake, Perl, R, Julia, Elixir…
  | 'ini' // ini, properties, git config: `;` or `#` at line start
  | 'sql'
  | 'lua'
  | 'haskell' // Haskell, Elm, PureScript
  | 'ml' // OCaml
  | 'fsharp'
  | 'lisp' // Lisp, Clojure, Scheme, Racket
  | 'asm'
  | 'latex'
  | 'erlang'
  | 'matlab'
  | 'vb'
  | 'html' // comments and the text between tags
  | 'xml' // comments only
  | 'text' // Markdown, plain text: the whole document counts
  | 'fallback'; // `//`, `#`, `/* */`, simple quoted strings

/** VS Code language id → scanner family. Unknown ids use `fallback`. */
const LANGUAGE_FAMILIES: Readonly<Record<string, ScannerFamily>> = Object.freeze({
  c: 'c', cpp: 'c', 'cuda-cpp': 'c', 'objective-c': 'c', 'objective-cpp': 'c', java: 'c', csharp: 'c',
  glsl: 'c', hlsl: 'c', wgsl: 'c', proto: 'c', proto3: 'c', groovy: 'c', arduino: 'c', d: 'c',
  solidity: 'c', verilog: 'c', systemverilog: 'c', zig: 'c', vala: 'c', apex: 'c', jsonnet: 'c',
  kotlin: 'cNested', swift: 'cNested', scala: 'cNested',
  javascript: 'js', typescript: 'js', javascriptreact: 'js', typescriptreact: 'js', json: 'js',
  jsonc: 'js', json5: 'js', dart: 'js', reason: 'js',
  go: 'go',
  rust: 'rust',
  php: 'php',
  css: 'css',
  scss: 'scss', less: 'scss', stylus: 'scss',
  python: 'python', cython: 'python', starlark: 'python', bazel: 'python', mojo: 'python',
  ruby: 'ruby', crystal: 'ruby',
  shellscript: 'shell', bash: 'shell', sh: 'shell', zsh: 'shell', fish: 'shell',
  powershell: 'powershell',
  yaml: 'hash', toml: 'hash', dockerfile: 'hash', makefile: 'hash', cmake: 'hash', perl: 'hash',
  perl6: 'hash', raku: 'hash', r: 'hash', julia: 'hash', elixir: 'hash', nim: 'hash', coffeescript: 'hash',
  graphql: 'hash', tcl: 'hash', ignore: 'hash', dotenv: 'hash', 'pip-requirements': 'hash',
  'github-actions-workflow': 'hash', dockercompose: 'hash', 'ssh_config': 'hash', nginx: 'hash',
  ini: 'ini', properties: 'ini', 'git-config': 'ini', gitconfig: 'ini', editorconfig: 'ini', desktop: 'ini',
  sql: 'sql', mysql: 'sql', pgsql: 'sql', plsql: 'sql', postgres: 'sql',
  lua: 'lua',
  haskell: 'haskell', elm: 'haskell', purescript: 'haskell', idris: 'haskell',
  ocaml: 'ml', sml: 'ml',
  fsharp: 'fsharp',
  clojure: 'lisp', lisp: 'lisp', commonlisp: 'lisp', scheme: 'lisp', racket: 'lisp', 'emacs-lisp': 'lisp',
  fennel: 'lisp',
  asm: 'asm', nasm: 'asm', masm: 'asm', 'arm': 'asm', mips: 'asm',
  latex: 'latex', tex: 'latex', bibtex: 'latex', context: 'latex',
  erlang: 'erlang',
  matlab: 'matlab', octave: 'matlab',
  vb: 'vb', vba: 'vb', vbscript: 'vb',
  html: 'html', vue: 'html', svelte: 'html', astro: 'html', handlebars: 'html', razor: 'html',
  xml: 'xml', xsl: 'xml', svg: 'xml', xaml: 'xml', plist: 'xml',
  markdown: 'text', plaintext: 'text', restructuredtext: 'text', asciidoc: 'text', 'git-commit': 'text',
  'git-rebase': 'text', scminput: 'text', log: 'text', org: 'text', mdx: 'text', textile: 'text',
});

function familyOf(languageId: string): ScannerFamily {
  return LANGUAGE_FAMILIES[languageId] ?? 'fallback';
}

// ------------------------------------------------------------ char helpers

const NL = 0x0a;
const CR = 0x0d;
const BACKSLASH = 0x5c;

function isWordCode(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}
function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === NL || c === CR || c === 0x0c || c === 0x0b;
}
function prevIsWord(text: string, i: number): boolean {
  return i > 0 && isWordCode(text.charCodeAt(i - 1));
}
/** Only spaces or tabs between the start of the line and `i`. */
function atLineStart(text: string, i: number): boolean {
  for (let k = i - 1; k >= 0; k--) {
    const c = text.charCodeAt(k);
    if (c === NL) return true;
    if (c !== 0x20 && c !== 0x09) return false;
  }
  return true;
}
/** Line end (index of `\n`, or text length), and the content end without a `\r`. */
function lineEnd(text: string, from: number): number {
  const e = text.indexOf('\n', from);
  return e < 0 ? text.length : e;
}

function push(out: CommentRange[], start: number, end: number): void {
  if (end > start) out.push({ start, end });
}

// ------------------------------------------------------------------ rules

/**
 * A rule starts at a character equal to `open[0]`. It returns the index to
 * continue from (> i) after consuming its construct, or -1 when it does not
 * apply here (the next rule for that character is tried).
 */
interface Rule {
  open: string;
  scan(text: string, i: number, out: CommentRange[]): number;
}

type Guard = (text: string, i: number) => boolean;

function lineComment(open: string, guard?: Guard): Rule {
  return {
    open,
    scan(text, i, out) {
      if (guard && !guard(text, i)) return -1;
      const e = lineEnd(text, i + open.length);
      push(out, i + open.length, e > 0 && text.charCodeAt(e - 1) === CR ? e - 1 : e);
      return e;
    },
  };
}

function blockComment(open: string, close: string, nested = false, guard?: Guard): Rule {
  return {
    open,
    scan(text, i, out) {
      if (guard && !guard(text, i)) return -1;
      const from = i + open.length;
      if (!nested) {
        const e = text.indexOf(close, from);
        if (e < 0) {
          push(out, from, text.length);
          return text.length;
        }
        push(out, from, e);
        return e + close.length;
      }
      // Nested: track depth. The next opener and closer are cached and only
      // searched again once passed, so each position is looked at O(1) times.
      let depth = 1;
      let p = from;
      let nextOpen = text.indexOf(open, p);
      let nextClose = text.indexOf(close, p);
      for (;;) {
        if (nextClose < 0) {
          push(out, from, text.length);
          return text.length;
        }
        if (nextOpen >= 0 && nextOpen < nextClose) {
          depth++;
          p = nextOpen + open.length;
          nextOpen = text.indexOf(open, p);
          if (nextClose < p) nextClose = text.indexOf(close, p);
          continue;
        }
        depth--;
        const c = nextClose;
        p = c + close.length;
        if (depth === 0) {
          push(out, from, c);
          return p;
        }
        nextClose = text.indexOf(close, p);
        if (nextOpen >= 0 && nextOpen < p) nextOpen = text.indexOf(open, p);
      }
    },
  };
}

interface StringOptions {
  /** Backslash (or the given character, e.g. PowerShell's backtick) escapes the next character. */
  escape?: boolean | string;
  /** May span lines; otherwise an unterminated string ends at the line end. */
  multiline?: boolean;
  /** The body is prose (docstrings): report it as a comment range. */
  comment?: Guard;
  guard?: Guard;
  close?: string;
}

function stringLiteral(open: string, opts: StringOptions = {}): Rule {
  const close = opts.close ?? open;
  const c0 = close.charCodeAt(0);
  const escapeCode = opts.escape === true ? BACKSLASH : opts.escape ? opts.escape.charCodeAt(0) : -1;
  const multiline = opts.multiline ?? false;
  return {
    open,
    scan(text, i, out) {
      if (opts.guard && !opts.guard(text, i)) return -1;
      const n = text.length;
      const from = i + open.length;
      let end = n;
      let next = n;
      for (let j = from; j < n; j++) {
        const c = text.charCodeAt(j);
        if (c === escapeCode) {
          j++;
        } else if (c === c0 && (close.length === 1 || text.startsWith(close, j))) {
          end = j;
          next = j + close.length;
          break;
        } else if (c === NL && !multiline) {
          end = j;
          next = j;
          break;
        }
      }
      if (opts.comment && opts.comment(text, i)) push(out, from, end);
      return next;
    },
  };
}

/**
 * `'x'`, `'\n'`, `'\u{1F600}'` are character literals; a quote not closed
 * right away is a lifetime, label, type variable or digit separator.
 */
function charLiteral(notAfterWord = false): Rule {
  return {
    open: "'",
    scan(text, i) {
      if (notAfterWord && prevIsWord(text, i)) return i + 1; // a prime: x'
      const n = text.length;
      const c1 = text.charCodeAt(i + 1);
      if (c1 === BACKSLASH) {
        const limit = Math.min(n, i + 16);
        for (let j = i + 3; j < limit; j++) {
          const c = text.charCodeAt(j);
          if (c === 0x27) return j + 1;
          if (c === NL) break;
        }
        return i + 1;
      }
      if (c1 !== NL && text.charCodeAt(i + 2) === 0x27) return i + 3;
      // Astral character (surrogate pair) between quotes.
      if (c1 >= 0xd800 && c1 <= 0xdbff && text.charCodeAt(i + 3) === 0x27) return i + 4;
      return i + 1;
    },
  };
}

/** A character that only skips the next one (`\%` in LaTeX, `#\;` in Lisp). */
function escapeNext(open: string): Rule {
  return { open, scan: (_text, i) => i + 2 };
}

/** Skips a construct the family treats as code, e.g. `#[attr]` in PHP. */
function skip(open: string): Rule {
  return { open, scan: (_text, i) => i + open.length };
}

// Guards shared by several families.
const notAfterWord: Guard = (text, i) => !prevIsWord(text, i);
const afterSpaceOrStart: Guard = (text, i) => i === 0 || isSpace(text.charCodeAt(i - 1));
/** Shell: `#` starts a comment only at the start of a word (`$#`, `${#x}`, `a#b` are not). */
const shellWordStart: Guard = (text, i) => {
  if (i === 0) return true;
  const c = text.charCodeAt(i - 1);
  return isSpace(c) || c === 0x3b || c === 0x26 || c === 0x7c || c === 0x28 || c === 0x29;
};

/** Python: a triple-quoted string alone at the start of a statement is a docstring. */
const docstringPosition: Guard = (text, i) => {
  let k = i;
  while (k > 0 && k > i - 3 && /[rRuUbBfF]/.test(text[k - 1])) k--;
  return atLineStart(text, k);
};

/** Rust raw strings `r"…"`, `r#"…"#`, `br##"…"##`. */
const rustRawString: Rule = {
  open: 'r',
  scan(text, i) {
    if (prevIsWord(text, i) && !(text.charCodeAt(i - 1) === 0x62 && !prevIsWord(text, i - 1))) return -1;
    let j = i + 1;
    while (text.charCodeAt(j) === 0x23) j++;
    if (text.charCodeAt(j) !== 0x22) return -1;
    const close = '"' + '#'.repeat(j - i - 1);
    const e = text.indexOf(close, j + 1);
    return e < 0 ? text.length : e + close.length;
  },
};

/** C++ raw strings `R"delim( … )delim"`. */
const cppRawString: Rule = {
  open: 'R"',
  scan(text, i) {
    // The delimiter is at most 16 characters: look no further for `(`.
    let paren = i + 2;
    const limit = Math.min(text.length, i + 19);
    while (paren < limit && text.charCodeAt(paren) !== 0x28) paren++;
    if (paren >= limit) return -1;
    const delim = text.slice(i + 2, paren);
    if (/[\s\\)]/.test(delim)) return -1;
    const close = ')' + delim + '"';
    const e = text.indexOf(close, paren + 1);
    return e < 0 ? text.length : e + close.length;
  },
};

/**
 * JS/TS regex literals, so `/"/` or `/\/\//` fake neither a string nor a
 * comment. A `/` is a regex only where a value cannot end just before it
 * (after `(`, `,`, `=`, `:`, `[`, `!`, `&`, `|`, `?`, `{`, `;`, `return`…);
 * elsewhere it is division. A regex never spans lines.
 */
const REGEX_AFTER = new Set('(,=:[!&|?{};');
const REGEX_KEYWORDS = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'void', 'yield', 'await', 'delete']);
const jsRegex: Rule = {
  open: '/',
  scan(text, i) {
    let k = i - 1;
    const stop = Math.max(0, i - 64);
    while (k >= stop && isSpace(text.charCodeAt(k))) k--;
    if (k >= 0) {
      const p = text.charCodeAt(k);
      if (isWordCode(p)) {
        let w = k;
        while (w > 0 && w > k - 8 && isWordCode(text.charCodeAt(w - 1))) w--;
        if (!REGEX_KEYWORDS.has(text.slice(w, k + 1))) return -1;
      } else if (!REGEX_AFTER.has(text[k])) {
        return -1;
      }
    }
    let inClass = false;
    for (let j = i + 1; j < text.length; j++) {
      const c = text.charCodeAt(j);
      if (c === BACKSLASH) j++;
      else if (c === NL) return -1;
      else if (c === 0x5b) inClass = true;
      else if (c === 0x5d) inClass = false;
      else if (c === 0x2f && !inClass) return j + 1;
    }
    return -1;
  },
};

/** Skips a here-document body: from the next line to the line holding only `word`. */
function skipHereDoc(text: string, word: string, afterOpen: number, indented: boolean): number {
  const n = text.length;
  let p = lineEnd(text, afterOpen) + 1;
  while (p < n) {
    const e = lineEnd(text, p);
    let s = p;
    if (indented) while (s < e && (text.charCodeAt(s) === 0x09 || text.charCodeAt(s) === 0x20)) s++;
    let le = e;
    if (le > s && text.charCodeAt(le - 1) === CR) le--;
    if (text.startsWith(word, s) && (s + word.length === le || !isWordCode(text.charCodeAt(s + word.length)))) {
      return e;
    }
    p = e + 1;
  }
  return n;
}

function readHereDocWord(text: string, j: number): { word: string; end: number } | undefined {
  while (text.charCodeAt(j) === 0x20 || text.charCodeAt(j) === 0x09) j++;
  const q = text.charCodeAt(j);
  const quoted = q === 0x22 || q === 0x27;
  if (quoted) j++;
  const s = j;
  while (j < text.length && isWordCode(text.charCodeAt(j))) j++;
  if (j === s) return undefined;
  return { word: text.slice(s, j), end: quoted ? j + 1 : j };
}

/** Shell `<<EOF`, `<<-'EOF'`; `<<<` is a here-string, left to the string rules. */
const shellHereDoc: Rule = {
  open: '<<',
  scan(text, i) {
    let j = i + 2;
    if (text.charCodeAt(j) === 0x3c) return j + 1;
    const indented = text.charCodeAt(j) === 0x2d;
    if (indented) j++;
    const w = readHereDocWord(text, j);
    return w ? skipHereDoc(text, w.word, w.end, indented) : -1;
  },
};

/** PHP `<<<EOT` / `<<<'EOT'` (closing marker may be indented). */
const phpHereDoc: Rule = {
  open: '<<<',
  scan(text, i) {
    const w = readHereDocWord(text, i + 3);
    return w ? skipHereDoc(text, w.word, w.end, true) : -1;
  },
};

/** Ruby `=begin … =end`, both at the start of a line. */
const rubyBlockComment: Rule = {
  open: '=begin',
  scan(text, i, out) {
    if (i > 0 && text.charCodeAt(i - 1) !== NL) return -1;
    const from = lineEnd(text, i) + 1;
    const e = text.indexOf('\n=end', i);
    if (e < 0) {
      push(out, Math.min(from, text.length), text.length);
      return text.length;
    }
    push(out, Math.min(from, e), e);
    return lineEnd(text, e + 1);
  },
};

/** Lua long brackets `[[ ]]`, `[==[ ]==]`: the level of `=` must match. */
function luaLongBracket(text: string, at: number): { close: string; bodyStart: number } | undefined {
  let j = at + 1;
  while (text.charCodeAt(j) === 0x3d) j++;
  if (text.charCodeAt(j) !== 0x5b) return undefined;
  return { close: ']' + '='.repeat(j - at - 1) + ']', bodyStart: j + 1 };
}
const luaLongComment: Rule = {
  open: '--[',
  scan(text, i, out) {
    const b = luaLongBracket(text, i + 2);
    if (!b) return -1;
    const e = text.indexOf(b.close, b.bodyStart);
    if (e < 0) {
      push(out, b.bodyStart, text.length);
      return text.length;
    }
    push(out, b.bodyStart, e);
    return e + b.close.length;
  },
};
const luaLongString: Rule = {
  open: '[',
  scan(text, i) {
    const b = luaLongBracket(text, i);
    if (!b) return -1;
    const e = text.indexOf(b.close, b.bodyStart);
    return e < 0 ? text.length : e + b.close.length;
  },
};

const HASKELL_SYMBOLS = new Set('!#$%&*+./<=>?@\\^|-~:');
/** Haskell: `--` starts a comment unless the dashes are part of an operator (`-->`, `|--`). */
const haskellLineComment: Rule = {
  open: '--',
  scan(text, i, out) {
    let j = i + 2;
    while (text.charCodeAt(j) === 0x2d) j++;
    const before = i > 0 && HASKELL_SYMBOLS.has(text[i - 1]);
    const after = j < text.length && HASKELL_SYMBOLS.has(text[j]);
    if (before || after) return j;
    const e = lineEnd(text, j);
    push(out, j, e > 0 && text.charCodeAt(e - 1) === CR ? e - 1 : e);
    return e;
  },
};

/** Erlang `$x` character literals: `$%` and `$"` are not comments or strings. */
const erlangChar: Rule = {
  open: '$',
  scan: (text, i) => (text.charCodeAt(i + 1) === BACKSLASH ? i + 3 : i + 2),
};

/** MATLAB: a quote after a value is the transpose operator, otherwise a string. */
const matlabString = stringLiteral("'");
const matlabSingleQuote: Rule = {
  open: "'",
  scan(text, i, out) {
    if (i > 0) {
      const p = text.charCodeAt(i - 1);
      if (isWordCode(p) || p === 0x29 || p === 0x5d || p === 0x7d || p === 0x27 || p === 0x2e) return i + 1;
    }
    return matlabString.scan(text, i, out);
  },
};

/** MATLAB block comment: `%{` and `%}` each on a line of their own. */
const matlabBlockComment = blockComment('%{', '%}', true, (text, i) => {
  if (!atLineStart(text, i)) return false;
  const e = lineEnd(text, i + 2);
  return text.slice(i + 2, e).trim() === '';
});

/** VB `REM` comments, at the start of a statement. */
function vbRem(open: string): Rule {
  return lineComment(open, (text, i) => {
    if (i > 0) {
      const p = text.charCodeAt(i - 1);
      if (!isSpace(p) && p !== 0x3a) return false;
    }
    const c = text.charCodeAt(i + 3);
    return i + 3 >= text.length || isSpace(c);
  });
}

// --------------------------------------------------------------- families

const C_LINE = lineComment('//');
const C_BLOCK = blockComment('/*', '*/');
const C_BLOCK_NESTED = blockComment('/*', '*/', true);
const DQ_ESC = stringLiteral('"', { escape: true });
const SQ_ESC = stringLiteral("'", { escape: true });

const RULES: Partial<Record<ScannerFamily, Rule[]>> = {
  c: [C_LINE, C_BLOCK, stringLiteral('"""', { escape: true, multiline: true }),
    stringLiteral('@"', { close: '"', multiline: true }), cppRawString, DQ_ESC, charLiteral()],
  cNested: [C_LINE, C_BLOCK_NESTED, stringLiteral('"""', { escape: true, multiline: true }), DQ_ESC, charLiteral()],
  js: [C_LINE, C_BLOCK, jsRegex, DQ_ESC, SQ_ESC, stringLiteral('`', { escape: true, multiline: true })],
  go: [C_LINE, C_BLOCK, DQ_ESC, stringLiteral('`', { multiline: true }), charLiteral()],
  rust: [C_LINE, C_BLOCK_NESTED, rustRawString, stringLiteral('"', { escape: true, multiline: true }), charLiteral()],
  php: [C_LINE, skip('#['), lineComment('#'), C_BLOCK, phpHereDoc,
    stringLiteral('"', { escape: true, multiline: true }), stringLiteral("'", { escape: true, multiline: true })],
  css: [C_BLOCK, DQ_ESC, SQ_ESC],
  // `url(http://…)` is not a comment: `//` right after `:` is skipped.
  scss: [lineComment('//', (text, i) => i === 0 || text.charCodeAt(i - 1) !== 0x3a), C_BLOCK, DQ_ESC, SQ_ESC],
  python: [lineComment('#'),
    stringLiteral('"""', { escape: true, multiline: true, comment: docstringPosition }),
    stringLiteral("'''", { escape: true, multiline: true, comment: docstringPosition }),
    DQ_ESC, SQ_ESC],
  ruby: [lineComment('#'), rubyBlockComment,
    stringLiteral('"', { escape: true, multiline: true }), stringLiteral("'", { escape: true, multiline: true }),
    stringLiteral('`', { escape: true, multiline: true })],
  shell: [lineComment('#', shellWordStart), shellHereDoc,
    stringLiteral('"', { escape: true, multiline: true }), stringLiteral("'", { multiline: true }),
    stringLiteral('`', { escape: true, multiline: true })],
  powershell: [blockComment('<#', '#>'), lineComment('#'),
    stringLiteral('@"', { close: '"@', multiline: true }), stringLiteral("@'", { close: "'@", multiline: true }),
    stringLiteral('"', { escape: '`', multiline: true }), stringLiteral("'", { multiline: true })],
  hash: [lineComment('#', afterSpaceOrStart),
    stringLiteral('"""', { escape: true, multiline: true }), stringLiteral("'''", { multiline: true }),
    stringLiteral('"', { escape: true, guard: notAfterWord }), stringLiteral("'", { guard: notAfterWord })],
  ini: [lineComment(';', atLineStart), lineComment('#', atLineStart)],
  sql: [lineComment('--'), C_BLOCK, stringLiteral("'", { multiline: true }), stringLiteral('"', { multiline: true }),
    stringLiteral('`')],
  lua: [luaLongComment, lineComment('--'), luaLongString, DQ_ESC, SQ_ESC],
  haskell: [blockComment('{-', '-}', true), haskellLineComment, DQ_ESC, charLiteral(true)],
  ml: [skip('(*)'), blockComment('(*', '*)', true), stringLiteral('"', { escape: true, multiline: true }),
    charLiteral(true)],
  fsharp: [skip('(*)'), blockComment('(*', '*)', true), C_LINE, stringLiteral('"""', { multiline: true }),
    stringLiteral('@"', { close: '"', multiline: true }), stringLiteral('"', { escape: true, multiline: true }),
    charLiteral(true)],
  lisp: [blockComment('#|', '|#', true), lineComment(';'), escapeNext('\\'),
    stringLiteral('"', { escape: true, multiline: true })],
  asm: [lineComment(';'), DQ_ESC, charLiteral()],
  latex: [escapeNext('\\'), lineComment('%')],
  erlang: [lineComment('%'), erlangChar, stringLiteral('"', { escape: true, multiline: true }), SQ_ESC],
  matlab: [matlabBlockComment, lineComment('%'), stringLiteral('"'), matlabSingleQuote],
  vb: [lineComment("'"), vbRem('REM'), vbRem('rem'), vbRem('Rem'), stringLiteral('"')],
  fallback: [C_LINE, C_BLOCK, lineComment('#'), DQ_ESC, stringLiteral("'", { escape: true, guard: notAfterWord })],
};

/** Per family: rules indexed by the char code of their first character (ASCII only), longest opener first. */
type DispatchTable = (Rule[] | undefined)[];
const TABLES = new Map<ScannerFamily, DispatchTable>();

function tableFor(family: ScannerFamily): DispatchTable | undefined {
  let table = TABLES.get(family);
  if (table) return table;
  const rules = RULES[family];
  if (!rules) return undefined;
  table = new Array<Rule[] | undefined>(128).fill(undefined);
  // Stable sort: among equal lengths the listed order wins (e.g. `#[` skip before `#`).
  const sorted = [...rules].sort((a, b) => b.open.length - a.open.length);
  for (const r of sorted) {
    const c = r.open.charCodeAt(0);
    (table[c] ??= []).push(r);
  }
  TABLES.set(family, table);
  return table;
}

function scanWithRules(text: string, table: DispatchTable): CommentRange[] {
  const out: CommentRange[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const rules = c < 128 ? table[c] : undefined;
    if (rules === undefined) {
      i++;
      continue;
    }
    let next = -1;
    for (const r of rules) {
      if (r.open.length > 1 && !text.startsWith(r.open, i)) continue;
      next = r.scan(text, i, out);
      if (next >= 0) break;
    }
    i = next > i ? next : i + 1;
  }
  return out;
}

// ---------------------------------------------------------------- markup

const RAW_TEXT_ELEMENTS = new Set(['script', 'style']);

/**
 * HTML/XML: comments always; for HTML also the text between tags (prose),
 * except inside `<script>` and `<style>`. Attribute values never count.
 */
function scanMarkup(text: string, withText: boolean): CommentRange[] {
  const out: CommentRange[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const lt = text.indexOf('<', i);
    if (withText) push(out, i, lt < 0 ? n : lt);
    if (lt < 0) break;
    if (text.startsWith('<!--', lt)) {
      const e = text.indexOf('-->', lt + 4);
      push(out, lt + 4, e < 0 ? n : e);
      i = e < 0 ? n : e + 3;
      continue;
    }
    if (text.startsWith('<![CDATA[', lt)) {
      const e = text.indexOf(']]>', lt + 9);
      i = e < 0 ? n : e + 3;
      continue;
    }
    const c1 = text.charCodeAt(lt + 1);
    const isTag = (c1 >= 0x41 && c1 <= 0x5a) || (c1 >= 0x61 && c1 <= 0x7a) || c1 === 0x2f || c1 === 0x21 || c1 === 0x3f;
    if (!isTag) {
      // `a < b` in text: the `<` is prose.
      i = lt + 1;
      continue;
    }
    // Tag: up to `>`, stepping over quoted attribute values.
    let j = lt + 1;
    let quote = 0;
    for (; j < n; j++) {
      const c = text.charCodeAt(j);
      if (quote) {
        if (c === quote) quote = 0;
      } else if (c === 0x22 || c === 0x27) {
        quote = c;
      } else if (c === 0x3e) {
        break;
      }
    }
    i = j < n ? j + 1 : n;
    if (withText && c1 !== 0x2f) {
      let k = lt + 1;
      while (k < n && isWordCode(text.charCodeAt(k))) k++;
      const name = text.slice(lt + 1, k).toLowerCase();
      if (RAW_TEXT_ELEMENTS.has(name) && text.charCodeAt(j - 1) !== 0x2f) {
        i = findClosingTag(text, name, i);
      }
    }
  }
  return out;
}

function findClosingTag(text: string, name: string, from: number): number {
  let p = from;
  for (;;) {
    const e = text.indexOf('</', p);
    if (e < 0) return text.length;
    if (text.slice(e + 2, e + 2 + name.length).toLowerCase() === name) return e;
    p = e + 2;
  }
}

// ------------------------------------------------------------------- API

/** Comment ranges of a document in a given scanner family, in order. */
function scanFamily(text: string, family: ScannerFamily): CommentRange[] {
  switch (family) {
    case 'text':
      return text.length > 0 ? [{ start: 0, end: text.length }] : [];
    case 'html':
      return scanMarkup(text, true);
    case 'xml':
      return scanMarkup(text, false);
    default:
      return scanWithRules(text, tableFor(family) ?? (tableFor('fallback') as DispatchTable));
  }
}

/**
 * Ranges of comment text (markers excluded) and docstrings, in order,
 * non-overlapping. For prose languages (Markdown, plain text) the whole
 * document is one range.
 */
export function scanComments(text: string, languageId: string): CommentRange[] {
  return scanFamily(text, familyOf(languageId));
}

/** Whether keys count anywhere in a document of this language (Markdown, plain text…), not only in comments. */
export function isProse(languageId: string): boolean {
  return familyOf(languageId) === 'text';
}

/** Issue keys that appear inside comments (or anywhere, for prose languages). */
export function findKeysInComments(text: string, languageId: string, options?: KeyMatchOptions): KeyMatch[] {
  return findKeysInRanges(text, scanComments(text, languageId), options);
}

/** Same as findKeysInComments for ranges already scanned (ordered, as scanComments returns them). */
export function findKeysInRanges(text: string, ranges: readonly CommentRange[], options?: KeyMatchOptions): KeyMatch[] {
  const out: KeyMatch[] = [];
  const cursor = newDashCursor();
  for (const r of ranges) scanKeysInRange(text, r.start, r.end, options, out, cursor);
  return out;
}
