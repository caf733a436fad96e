// The order of core's areas (eslint/core-layers.mjs, CORE_LAYERS in
// eslint.config.mjs), checked through the repository's own eslint config on
// fixture sources placed, by name, in core's areas.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const eslint = new ESLint({ cwd: root });

async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'koompi/core-layers').map((m) => m.message);
}

describe("the order of core's areas", () => {
  it('reports an import from a lower area to a higher one', async () => {
    const errors = await layerErrors(
      'core/src/text/fixture-upward.ts',
      "import { languageOf } from '../ai/assistant.js';\nexport const x = languageOf;\n",
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('core/src/text (layer 2) may not import core/src/ai (layer 9)');
  });

  it('reports it from an adapter, in a test, through export-from, import() and an import type', async () => {
    const code = [
      "export { SqliteHistory } from '../../ai/node/sqlite-history.js';",
      "export const load = () => import('../../actions/run.js');",
      "export type R = import('../../system/daemon.js').SystemDaemon;",
      '',
    ].join('\n');
    expect(await layerErrors('core/src/snapshots/node/fixture.ts', code)).toHaveLength(3);
    expect(await layerErrors('core/src/intent/fixture.test.ts', "import '../voice/grammar.js';\n")).toHaveLength(1);
  });

  it('reports areas of one layer importing each other', async () => {
    const errors = await layerErrors('core/src/office/fixture.ts', "import '../voice/khmer.js';\n");
    expect(errors).toEqual([expect.stringContaining('are both in layer 8')]);
  });

  it("reports core's public surface imported from inside core", async () => {
    expect(await layerErrors('core/src/ai/fixture.ts', "import '../index.js';\n")).toHaveLength(1);
  });

  it('reports an area that is in no layer', async () => {
    const errors = await layerErrors('core/src/newarea/fixture.ts', "import '../text/khmer.js';\n");
    expect(errors).toEqual([expect.stringContaining('core/src/newarea is in no layer')]);
  });

  it('allows downward imports, imports inside an area, and imports from outside core', async () => {
    const code = [
      "import { words } from '../text/khmer.js';",
      "import { writeAtomic } from '../fs/node/atomic.js';",
      "import { createIntentRouter } from '../intent/router.js';",
      "import { createActionRunner } from '../actions/run.js';",
      "import { languageOf } from './assistant.js';",
      "import { startSessionBus } from '../../../tests/support/session-bus.js';",
      'export const all = [words, writeAtomic, createIntentRouter, createActionRunner, languageOf, startSessionBus];',
      '',
    ].join('\n');
    expect(await layerErrors('core/src/ai/fixture.ts', code)).toEqual([]);
    expect(await layerErrors('core/src/index.ts', "export { languageOf } from './ai/assistant.js';\n")).toEqual([]);
  });
});
