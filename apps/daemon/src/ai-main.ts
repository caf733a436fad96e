/**
 * koompi-ai: the KOOMPI AI service. Runs as its own user (group koompi-ai),
 * reads the school's key (/etc/koompi/ai.key, root:koompi-ai 0640), and serves
 * org.koompi.AI1 on the system bus for every assistant on the computer —
 * students included, who can never read the key. Messages in the system
 * language; the key is never logged.
 */
import { DbusConnection, GeminiBackend, SCHOOL_KEY_FILE, loadTranslator, readSchoolKey, serveAi } from '@koompi/core';

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
  await serveAi(connection, { backend: new GeminiBackend({ apiKey: key.key, ...(baseUrl ? { baseUrl } : {}) }) });
  process.stderr.write(`${t('ai.ready')}\n`);
  const stop = () => {
    connection.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
