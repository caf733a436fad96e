/**
 * koompi: the composition root. Reads the arguments and the environment,
 * builds the translator, the router and the adapters, runs the command and
 * sets the exit code (never process.exit, so output is flushed first).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  connectClassroomControl,
  createKoompidDaemon,
  createAssistant,
  createCatalog,
  createDiskFileFinder,
  createIntentRouter,
  createLocalInfoSource,
  createProcessLauncher,
  loadTranslator,
} from '@koompi/core';
import { parseArgs } from './args.js';
import { runCli } from './cli.js';

import type { Context } from './context.js';
import { EXIT } from './exit-codes.js';
import { closeInput, processIo } from './io.js';
import { createPreferencesStore, preferencesFile } from './preferences.js';

function version(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const pkg = JSON.parse(fs.readFileSync(path.join(here, '..', 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

async function main(): Promise<number> {
  // `koompi … | head` closes the pipe early: that is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT.ok);
    throw error;
  });
  const env = process.env;
  const invocation = parseArgs(process.argv.slice(2));
  const t = loadTranslator('cli', { env });
  const catalog = createCatalog();
  const daemon = createKoompidDaemon();
  const ctx: Context = {
    t,
    translatorFor: (locale) => loadTranslator('cli', { env, locale }),
    io: processIo(),
    options: invocation.options,
    router: createIntentRouter({ catalog }),
    catalog,
    daemon,
    launcher: createProcessLauncher({ env }),
    info: createLocalInfoSource(),
    files: createDiskFileFinder(),
    preferences: createPreferencesStore(preferencesFile(env)),
    env,
    version: version(),
    classroom: connectClassroomControl(),
    assistant: async () => {
      const setup = await createAssistant({ env });
      return { ask: (text: string) => setup.assistant.ask(text), close: () => setup.close() };
    },
  };
  try {
    return await runCli(ctx, invocation);
  } catch (error) {
    process.stderr.write(`${t('error.internal', { message: (error as Error).message })}\n`);
    return EXIT.failure;
  } finally {
    daemon.close();
    closeInput();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = EXIT.failure;
  },
);
