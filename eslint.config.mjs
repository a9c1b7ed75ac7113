import tseslint from 'typescript-eslint';

// The layers, lowest first: core (no VS Code) ← kernel (shared services) ←
// features (one folder per thing a user does) ← src/extension.ts (the
// composition root). An import may only run downwards; a feature never
// imports another feature. test/unit/layers.test.ts proves these rules fire.
const CORE = ['tracker', 'links', 'keys', 'migrate', 'graph', 'shims'];
const FEATURES = ['auth', 'current', 'views', 'linking', 'editor', 'chat', 'migration', 'graphView', 'status'];
const folders = (names) => names.flatMap((n) => [`**/${n}`, `**/${n}/*`]);
const ROOT = ['**/extension', '../extension', './extension'];

const layer = (message, ...groups) => ({ 'no-restricted-imports': ['error', { patterns: groups.map((group) => ({ group, message })) }] });

export const LAYERS = [
  {
    files: CORE.map((d) => `src/${d}/**/*.ts`),
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'The core stays free of VS Code: it runs and is tested in plain Node.' }],
          patterns: [{ group: [...folders(['kernel', ...FEATURES]), ...ROOT], message: 'The core may not import the kernel, a feature or the composition root.' }],
        },
      ],
    },
  },
  {
    files: ['src/kernel/**/*.ts'],
    rules: layer('The kernel may not import a feature or the composition root.', [...folders(FEATURES), ...ROOT]),
  },
  ...FEATURES.map((f) => ({
    files: [`src/${f}/**/*.ts`],
    rules: layer(
      'A feature may import the core and the kernel only: not another feature, not the composition root.',
      [...folders(FEATURES.filter((x) => x !== f)), ...ROOT],
    ),
  })),
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.tools/**', '*.js', 'scripts/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
      eqeqeq: ['error', 'smart'],
      curly: ['error', 'multi-line'],
    },
  },
  ...LAYERS,
);
