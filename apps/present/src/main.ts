/**
 * koompi-present: the composition root. Reads the arguments, builds the
 * translators, the outline generator and the exporters (compose.ts), then the
 * window. Qt is loaded only once the platform is decided.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportFolder, loadTranslator, officeAppStart, officeFileArgs } from '@koompi/core';
import { composePresent } from './compose.js';

const appRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<number> {
  const t = loadTranslator('present');
  const office = loadTranslator('office');
  const { version } = JSON.parse(fs.readFileSync(path.join(appRoot, 'package.json'), 'utf8')) as { version: string };
  const start = officeAppStart(process.argv.slice(2), process.env, office, {
    bin: 'koompi-present',
    name: t('window.title'),
    version,
  });
  if (start.kind === 'exit') {
    if (start.stdout) process.stdout.write(`${start.stdout}\n`);
    if (start.stderr) process.stderr.write(`${start.stderr}\n`);
    return start.code;
  }
  if (start.kind === 'screenshot') process.env['QT_QPA_PLATFORM'] = 'offscreen';

  const { startPresent } = await import('./ui/present-app.js');
  const win = await startPresent(
    composePresent({ t, office, folder: exportFolder() }),
    officeFileArgs(process.argv.slice(2)),
  );
  if (start.kind === 'screenshot') {
    const { saveScreenshot } = await import('./ui/screenshot.js');
    const file = path.resolve(start.file);
    if (!saveScreenshot(win.window, file)) {
      process.stderr.write(`${office('common.screenshotFailed', { path: file })}\n`);
      return 1;
    }
    return 0;
  }
  return -1;
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
