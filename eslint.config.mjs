// Lint, including the layering rules of STYLE.md: apps import @koompi/core by
// its root only; NodeGui only under apps/*/src/ui; dbus-next, child_process and
// native addons only in core's adapters (core/src/**/node/**) and bindings;
// core's areas import downward only (CORE_LAYERS, eslint/core-layers.mjs).
import tseslint from 'typescript-eslint';
import koompi from './eslint/core-layers.mjs';

// The order of core's areas, from the bottom up (docs/architecture.md): an
// area imports areas of lower layers only, never its own layer's others.
export const CORE_LAYERS = [
  ['base'], // Result: imports nothing, used by every area
  ['text', 'fs', 'process', 'dbus'], // foundations: no other area
  ['i18n', 'catalog', 'koompid'], // the translator, the app catalog, koompid's contract
  ['intent', 'snapshots', 'sysinfo'], // the router; koompid's records and clients
  ['packages'],
  ['system'], // ports to the system: daemon, launcher, files, info
  ['actions'], // one path from an intent to a done action
  ['office', 'voice', 'classroom', 'desktop'], // what the apps are made of
  ['ai'], // the assistant, on top of actions and the desktop services
];

const NATIVE = ['@nodegui/*', 'smart-whisper', 'better-sqlite3'];
const deepCore = { group: ['@koompi/core/*'], message: 'Import @koompi/core by its root only (core/src/index.ts).' };
const nodegui = {
  group: ['@nodegui/*'],
  message: 'Only apps/*/src/ui may import NodeGui: keep Qt out of app logic.',
};
const adaptersOnly = {
  paths: [
    { name: 'dbus-next', message: 'D-Bus belongs in a core adapter (core/src/<area>/node/).' },
    { name: 'child_process', message: 'Processes are started by core adapters only.' },
    { name: 'node:child_process', message: 'Processes are started by core adapters only.' },
  ],
};

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'artifacts/**', '**/*.d.ts'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportAllDeclaration', message: 'Export names explicitly: what is not listed is private.' },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['core/src/**/*.ts'],
    plugins: { koompi },
    rules: { 'koompi/core-layers': ['error', { root: 'core/src', layers: CORE_LAYERS }] },
  },
  {
    files: ['core/src/**/*.ts'],
    ignores: ['core/src/**/node/**', 'core/src/**/*.test.ts', 'core/src/**/test/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...adaptersOnly,
          patterns: [
            { group: [...NATIVE], message: 'Native addons are used from core adapters only.' },
            {
              // a regex, not a group: a group's 'fs' would also match core's own area '../fs/…'
              regex: '^(node:.*|(fs|path|os|net|http)(/.*)?)$',
              message: 'Ports are pure: Node APIs belong in node/ adapters.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/**/*.ts'],
    // tests drive apps from outside: they may start processes
    ignores: ['apps/*/src/ui/**', 'apps/*/test/**', 'apps/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { ...adaptersOnly, patterns: [deepCore, nodegui] }],
    },
  },
  {
    files: ['apps/*/src/ui/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { ...adaptersOnly, patterns: [deepCore] }],
    },
  },
);
