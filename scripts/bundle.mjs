#!/usr/bin/env node
// Bundles each Qt app's compiled entry (apps/<app>/dist/main.js) with
// @koompi/core and NodeGui's JavaScript into one file,
// apps/<app>/dist/<bin>.bundle.mjs, which the app's bin/ launcher prefers. One file to
// parse instead of ~250 modules to resolve halves the JavaScript part of
// start-up (see `npm run bench:startup`).
//
// Two adjustments to NodeGui on the way:
// * its native addon stays a separate file, loaded by absolute-free relative path
//   from the bundle to node_modules/@nodegui/nodegui/build/Release;
// * postcss and cuid2 (used only when a style sheet is post-processed, which
//   KOOMPI's apps do not ask for) are required on first use instead of at load.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import * as esbuild from 'esbuild';
import { bundledApps, writeLaunchers } from './launchers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const ngDir = path.dirname(require.resolve('@nodegui/nodegui/package.json'));
const addon = path.join(ngDir, 'build', 'Release', 'nodegui_core.node');

// Every app whose package.json says `"koompi": { "bundle": true }` is bundled,
// from dist/main.js into dist/<its bin name>.bundle.mjs; its bin/ launcher is
// written from the one template first (scripts/launchers.mjs).
const APPS = bundledApps(root);
writeLaunchers(root);

const lazyStyleSheet = {
  name: 'koompi-lazy-stylesheet',
  setup(build) {
    build.onLoad(
      { filter: /[\\/]@nodegui[\\/]nodegui[\\/]dist[\\/]lib[\\/]core[\\/]Style[\\/]StyleSheet\.js$/ },
      (args) => {
        let text = fs.readFileSync(args.path, 'utf8');
        const eager = [
          ['const postcss_1 = __importDefault(require("postcss"));', 'postcss_1'],
          ['const cuid2_1 = __importDefault(require("@paralleldrive/cuid2"));', 'cuid2_1'],
          [
            'const postcss_nodegui_autoprefixer_1 = __importDefault(require("postcss-nodegui-autoprefixer"));',
            'postcss_nodegui_autoprefixer_1',
          ],
        ];
        for (const [line, name] of eager) {
          if (!text.includes(line)) throw new Error(`NodeGui's StyleSheet.js changed: ${line}`);
          const mod = /require\("([^"]+)"\)/.exec(line)[1];
          text = text.replace(
            line,
            `const ${name} = { get default() { return __importDefault(require("${mod}")).default; } };`,
          );
        }
        return { contents: text, loader: 'js' };
      },
    );
  },
};

const nativeAddon = (outfile) => ({
  name: 'koompi-native-addon',
  setup(build) {
    build.onResolve({ filter: /nodegui_core\.node$/ }, () => ({
      path: './' + path.relative(path.dirname(outfile), addon).split(path.sep).join('/'),
      external: true,
    }));
  },
});

for (const { app, bin } of APPS) {
  const entry = path.join(root, 'apps', app, 'dist', 'main.js');
  const outfile = path.join(root, 'apps', app, 'dist', `${bin}.bundle.mjs`);
  await esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // CommonJS modules in an ESM bundle need a real `require` (for the addon) and
    // import.meta-based paths stay pointed at the app's own dist folder.
    banner: {
      js: [
        "import { createRequire as __koompiCreateRequire } from 'node:module';",
        "import { fileURLToPath as __koompiFileURLToPath } from 'node:url';",
        'const require = __koompiCreateRequire(import.meta.url);',
        // CommonJS modules (sql.js's Emscripten loader) read these at load time.
        'const __filename = __koompiFileURLToPath(import.meta.url);',
        "const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));",
      ].join(' '),
    },
    plugins: [lazyStyleSheet, nativeAddon(outfile)],
    // dbus-next's optional X11 address support: not installed, not used.
    external: ['x11'],
    logLevel: 'warning',
    legalComments: 'none',
  });
}
