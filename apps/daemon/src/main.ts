// koompid, the KOOMPI system daemon: the composition root. `koompid` serves
// org.koompi.System1 on the system bus; `koompid --health-check` asks the
// running daemon whether the system is healthy (the boot-success check).
import { loadTranslator } from '@koompi/core';
import { healthCheck } from './health.js';
import { serve } from './serve.js';

const VERSION = '0.1.0';

async function main(argv: readonly string[]): Promise<number> {
  const t = loadTranslator('daemon');
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${t('cli.usage')}\n\n${t('cli.description')}\n`);
    return 0;
  }
  if (argv.includes('--version')) {
    process.stdout.write(`koompid ${VERSION}\n`);
    return 0;
  }
  if (argv.includes('--health-check')) return healthCheck(t, argv.includes('--json'));
  if (argv.length > 0) {
    process.stderr.write(`${t('cli.unknown-option', { option: argv[0] ?? '' })}\n${t('cli.usage')}\n`);
    return 2;
  }
  await serve(VERSION, t);
  return -1; // keeps serving
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`koompid: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
