/**
 * koompi-ai: the KOOMPI AI service. Runs as its own user (group koompi-ai),
 * reads the school's key (/etc/koompi/ai.key, root:koompi-ai 0640), and serves
 * org.koompi.AI1 on the system bus for every assistant on the computer —
 * students included, who can never read the key. Messages in the system
 * language; the key is never logged.
 */
import {
  DEFAULT_SHARE,
  DbusConnection,
  GeminiBackend,
  SCHOOL_KEY_FILE,
  loadTranslator,
  readSchoolKey,
  serveAi,
  type FairShareLimits,
} from '@koompi/core';

/** The share limits, each overridable by the unit's environment (e.g. KOOMPI_AI_TOTAL_PER_MINUTE=60). */
function shareFromEnv(env: NodeJS.ProcessEnv): FairShareLimits {
  const pick = (name: string, fallback: number): number => {
    const n = Number(env[name]);
    return Number.isInteger(n) && n > 0 ? n : fallback;
  };
  return {
    perUserConcurrent: pick('KOOMPI_AI_PER_USER_CONCURRENT', DEFAULT_SHARE.perUserConcurrent),
    perUserPerMinute: pick('KOOMPI_AI_PER_USER_PER_MINUTE', DEFAULT_SHARE.perUserPerMinute),
    totalConcurrent: pick('KOOMPI_AI_TOTAL_CONCURRENT', DEFAULT_SHARE.totalConcurrent),
    totalPerMinute: pick('KOOMPI_AI_TOTAL_PER_MINUTE', DEFAULT_SHARE.totalPerMinute),
  };
}

const t = loadTranslator('daemon');
const file = process.env['KOOMPI_SCHOOL_KEY_FILE'] ?? SCHOOL_KEY_FILE;
const key = readSchoolKey(file);
if (key.kind !== 'found') {
  process.stderr.write(
    `${t(key.kind !== 'problem' ? 'ai.noKey' : key.problem.kind === 'school-key-exposed' ? 'ai.keyExposed' : key.problem.kind === 'school-key-wrong-owner' ? 'ai.keyWrongOwner' : 'ai.noKey', { file })}\n`,
  );
  process.exitCode = 2;
} else {
  const baseUrl = process.env['KOOMPI_GEMINI_BASE_URL'];
  const connection = await DbusConnection.connect(process.env['DBUS_SYSTEM_BUS_ADDRESS']);
  await serveAi(connection, {
    backend: new GeminiBackend({ apiKey: key.key, ...(baseUrl ? { baseUrl } : {}) }),
    share: shareFromEnv(process.env),
  });
  process.stderr.write(`${t('ai.ready')}\n`);
  const stop = () => {
    connection.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
