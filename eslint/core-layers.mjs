// A local eslint rule: the order of core's areas. `layers` lists core's areas
// (the folders of core/src) from the bottom up, one array per layer; a file in
// an area may import areas of lower layers only — never its own layer's other
// areas, a higher layer, or core's public surface (core/src/index.ts). An area
// missing from the list is reported, so a new area is placed before it is used.
// Relative imports, `export … from`, `import()` and `import('…')` types count.
import path from 'node:path';

/** @type {import('eslint').Rule.RuleModule} */
const coreLayers = {
  meta: {
    type: 'problem',
    docs: { description: "Keep core's areas in their order: imports run downward only (docs/architecture.md)." },
    schema: [
      {
        type: 'object',
        properties: {
          root: { type: 'string' },
          layers: { type: 'array', items: { type: 'array', items: { type: 'string' } } },
        },
        required: ['layers'],
        additionalProperties: false,
      },
    ],
    messages: {
      upward:
        'core/src/{{from}} (layer {{fromLayer}}) may not import core/src/{{to}} (layer {{toLayer}}): imports run from a higher layer to a lower one only (docs/architecture.md). Move the shared part down, or pass it in as a port.',
      sibling:
        'core/src/{{from}} and core/src/{{to}} are both in layer {{fromLayer}}: areas of one layer do not import each other (docs/architecture.md). Move the shared part down a layer.',
      surface: "core/src/{{from}} may not import core's public surface (core/src/index.ts): import the module itself.",
      unplaced: 'core/src/{{area}} is in no layer: add it to the layers in eslint.config.mjs and docs/architecture.md.',
    },
  },
  create(context) {
    const { root = 'core/src', layers } = context.options[0];
    const rootDir = path.resolve(context.cwd, root);
    const rank = new Map();
    layers.forEach((areas, i) => areas.forEach((area) => rank.set(area, i + 1)));

    const filename = context.filename;
    const fromRel = path.relative(rootDir, filename);
    if (fromRel.startsWith('..') || path.isAbsolute(fromRel)) return {};
    const fromParts = fromRel.split(path.sep);
    if (fromParts.length < 2) return {}; // index.ts: the surface may import every area
    const from = fromParts[0];

    function check(node, source) {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = path.relative(rootDir, path.resolve(path.dirname(filename), source));
      if (target.startsWith('..') || path.isAbsolute(target)) return; // outside core/src
      const to = target.split(path.sep)[0];
      if (to === from) return;
      if (!target.includes(path.sep)) {
        if (/^index(\.[jt]s)?$/.test(to)) context.report({ node, messageId: 'surface', data: { from } });
        return;
      }
      const fromLayer = rank.get(from);
      const toLayer = rank.get(to);
      if (fromLayer === undefined) return context.report({ node, messageId: 'unplaced', data: { area: from } });
      if (toLayer === undefined) return context.report({ node, messageId: 'unplaced', data: { area: to } });
      if (toLayer < fromLayer) return;
      context.report({
        node,
        messageId: toLayer === fromLayer ? 'sibling' : 'upward',
        data: { from, to, fromLayer, toLayer },
      });
    }

    const fromSource = (node) => node.source && check(node.source, node.source.value);
    return {
      ImportDeclaration: fromSource,
      ExportNamedDeclaration: fromSource,
      ExportAllDeclaration: fromSource,
      ImportExpression(node) {
        if (node.source.type === 'Literal') check(node.source, node.source.value);
      },
      TSImportType(node) {
        if (node.source?.type === 'Literal') check(node.source, node.source.value);
      },
    };
  },
};

export default { meta: { name: 'koompi' }, rules: { 'core-layers': coreLayers } };
