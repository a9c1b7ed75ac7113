// Bundles the extension into one CommonJS file: fast activation, small .vsix.
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

/**
 * Russian strings are kept per feature in l10n/ru/*.json (English text →
 * Russian) so features can be translated independently; VS Code wants one
 * bundle, so it is assembled here on every build.
 */
function buildL10nBundle() {
  const dir = path.join(__dirname, 'l10n', 'ru');
  const merged = {};
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    Object.assign(merged, JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
  }
  fs.writeFileSync(path.join(__dirname, 'l10n', 'bundle.l10n.ru.json'), JSON.stringify(merged, null, 2) + '\n');
}

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Prints build problems in a form the VS Code problem matcher understands. */
const problemReporter = {
  name: 'problem-reporter',
  setup(build) {
    build.onStart(() => {
      if (watch) console.log('[watch] build started');
    });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (watch) console.log('[watch] build finished');
    });
  },
};

async function main() {
  buildL10nBundle();
  const ctx = await esbuild.context({
    entryPoints: ['src/extension.ts'],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    outfile: 'dist/extension.js',
    external: ['vscode'],
    // See src/shims/whatwg-url.ts: the runtime has a native URL.
    alias: { 'whatwg-url': './src/shims/whatwg-url.ts' },
    sourcemap: true,
    sourcesContent: false,
    minify: production,
    logLevel: 'warning',
    plugins: [problemReporter],
  });
  // The graph panel's webview script: a browser bundle of its own (no Node, no vscode).
  const webview = await esbuild.context({
    entryPoints: ['src/graphView/webview/main.ts'],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    outfile: 'dist/graphView.js',
    sourcemap: !production,
    sourcesContent: false,
    minify: production,
    logLevel: 'warning',
    plugins: [problemReporter],
  });
  if (watch) {
    await Promise.all([ctx.watch(), webview.watch()]);
  } else {
    await Promise.all([ctx.rebuild(), webview.rebuild()]);
    await Promise.all([ctx.dispose(), webview.dispose()]);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
