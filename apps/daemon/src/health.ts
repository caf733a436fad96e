import { KoompidConnection, SystemInfoClient, failureMessageKey, type Translator } from '@koompi/core';

/**
 * `koompid --health-check`: exit 0 when koompid answers and reports no problem,
 * 1 when it reports problems, 2 when it does not answer. koompi-boot-check runs
 * it once the desktop has started, before boot-complete.target.
 */
export async function healthCheck(t: Translator, json: boolean): Promise<number> {
  const conn = await KoompidConnection.connect();
  if (!conn.ok) return report(t, json, 2, [], conn.error.message);
  try {
    const health = await new SystemInfoClient(conn.value).health();
    if (!health.ok) return report(t, json, 2, [], t(failureMessageKey(health.error.kind)));
    return report(t, json, health.value.healthy ? 0 : 1, health.value.problems, '');
  } finally {
    conn.value.close();
  }
}

function report(t: Translator, json: boolean, code: number, problems: string[], detail: string): number {
  if (json) {
    process.stdout.write(
      `${JSON.stringify({ healthy: code === 0, problems, ...(detail ? { error: detail } : {}) })}\n`,
    );
  } else if (code === 0) {
    process.stdout.write(`${t('health.ok')}\n`);
  } else if (code === 1) {
    process.stdout.write(
      `${t('health.problems', { count: problems.length })}\n${problems.map((p) => `  - ${p}\n`).join('')}`,
    );
  } else {
    process.stderr.write(`${t('health.unreachable', { detail })}\n`);
  }
  return code;
}
