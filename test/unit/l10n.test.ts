import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');

/**
 * Every key src/ looks up with vscode.l10n.t, across line breaks: the literal
 * message, or "message/comment" for the form with a comment (VS Code joins
 * them so, to translate one English text two ways).
 */
function l10nStrings(): Map<string, string> {
  const found = new Map<string, string>();
  const unescape = (s: string) => s.replace(/\\(['"`\\])/g, '$1');
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.ts')) {
        const text = fs.readFileSync(p, 'utf8');
        const file = path.relative(root, p);
        const add = (key: string) => {
          if (!found.has(key)) found.set(key, file);
        };
        for (const m of text.matchAll(/l10n\.t\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/g)) add(unescape(m[2]));
        const commented = [
          ...text.matchAll(/l10n\.t\(\s*\{\s*message:\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1,\s*comment:\s*(['"`])((?:\\.|(?!\3)[^\\])*)\3/g),
        ];
        for (const m of commented) add(`${unescape(m[2])}/${unescape(m[4])}`);
        const objects = text.match(/l10n\.t\(\s*\{/g)?.length ?? 0;
        assert.equal(commented.length, objects, `${file}: write l10n.t({ … }) as { message: '…', comment: '…' } so that its key can be checked`);
      }
    }
  };
  walk(path.join(root, 'src'));
  return found;
}

/** The files of l10n/ru with their text, in the order esbuild.js merges them. */
function russianFiles(): { name: string; text: string }[] {
  const dir = path.join(root, 'l10n', 'ru');
  return fs
    .readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort()
    .map((name) => ({ name, text: fs.readFileSync(path.join(dir, name), 'utf8') }));
}

/** The bundle esbuild.js builds: English → Russian, the last file's entry winning. */
function russian(): Record<string, string> {
  return Object.assign({}, ...russianFiles().map((f) => JSON.parse(f.text) as Record<string, string>)) as Record<string, string>;
}

describe('localization', () => {
  it('every user-facing string in src has a Russian translation', () => {
    const ru = russian();
    const missing = [...l10nStrings()].filter(([s]) => !ru[s]).map(([s, file]) => `${file}: ${s}`);
    assert.deepEqual(missing, [], `missing Russian strings:\n${missing.join('\n')}`);
  });

  // The bundle keeps the last file's entry, so a second copy of a key would
  // silently override (or be overridden by) an edit to the first.
  it('each English string is translated in exactly one l10n/ru file', () => {
    const files = new Map<string, string[]>();
    for (const { name, text } of russianFiles()) {
      // From the text, not the parsed object, so a key twice in one file counts too.
      for (const m of text.matchAll(/^\s*("(?:\\.|[^"\\])*")\s*:/gm)) {
        const en = JSON.parse(m[1]) as string;
        files.set(en, [...(files.get(en) ?? []), name]);
      }
    }
    const twice = [...files].filter(([, fs]) => fs.length > 1).map(([en, fs]) => `${en}: ${fs.join(', ')}`);
    assert.deepEqual(twice, [], `translated in more than one file:\n${twice.join('\n')}`);
  });

  it('translations keep their placeholders', () => {
    const ru = russian();
    const bad = Object.entries(ru).filter(([en, tr]) => {
      const ph = (s: string) => (s.match(/\{\d+\}/g) ?? []).sort().join();
      return ph(en) !== ph(tr);
    });
    assert.deepEqual(bad, []);
  });

  it('package.nls.ru.json translates every manifest string', () => {
    const en = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
    const ru = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.ru.json'), 'utf8')) as Record<string, string>;
    assert.deepEqual(Object.keys(en).filter((k) => !ru[k]), []);
    const manifest = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
    const used = [...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
    assert.deepEqual(used.filter((k) => !en[k]), [], 'manifest keys missing from package.nls.json');
  });
});
