/** `koompi info [TOPIC]`: read locally, no daemon needed. */
import { INFO_TOPICS, type InfoTopic, type SystemInfo } from '@koompi/core';
import { fail, type Context } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';

function isTopic(word: string): word is InfoTopic {
  return (INFO_TOPICS as readonly string[]).includes(word);
}

function size(ctx: Context, bytes: number): string {
  const gb = bytes / 1024 ** 3;
  if (gb >= 1) return ctx.t('info.gigabytes', { value: ctx.t.formatNumber(gb, { maximumFractionDigits: 1 }) });
  return ctx.t('info.megabytes', { value: ctx.t.formatNumber(bytes / 1024 ** 2, { maximumFractionDigits: 0 }) });
}

function describe(ctx: Context, topic: InfoTopic, v: SystemInfo[InfoTopic]): string {
  const { t } = ctx;
  switch (topic) {
    case 'memory': {
      const m = v as SystemInfo['memory'];
      return t('info.memory', { available: size(ctx, m.availableBytes), total: size(ctx, m.totalBytes) });
    }
    case 'disk': {
      const d = v as SystemInfo['disk'];
      return t('info.disk', { path: d.path, free: size(ctx, d.freeBytes), total: size(ctx, d.totalBytes) });
    }
    case 'battery': {
      const b = v as SystemInfo['battery'];
      if (!b.present) return t('info.batteryNone');
      return t(b.charging ? 'info.batteryCharging' : 'info.battery', { percent: b.percent });
    }
    case 'network': {
      const n = v as SystemInfo['network'];
      return n.online
        ? t('info.networkOnline', { interfaces: n.interfaces.map((i) => i.name).join(', ') })
        : t('info.networkOffline');
    }
    case 'cpu': {
      const c = v as SystemInfo['cpu'];
      return t('info.cpu', { model: c.model, cores: c.cores, load: Math.round(c.load * 100) });
    }
    default: {
      const o = v as SystemInfo['os'];
      return t('info.os', { name: o.name, version: o.version, kernel: o.kernel, hostname: o.hostname });
    }
  }
}

export async function infoCommand(ctx: Context, args: readonly string[]): Promise<ExitCode> {
  if (args.length > 1)
    return fail(ctx, EXIT.usage, 'usage', 'error.tooMany', { command: 'info', extra: args.slice(1).join(' ') });
  const [topic] = args;
  if (topic !== undefined && !isTopic(topic)) return fail(ctx, EXIT.usage, 'usage', 'error.badTopic', { topic });
  const topics: readonly InfoTopic[] = topic ? [topic] : INFO_TOPICS;
  const values: Partial<Record<InfoTopic, unknown>> = {};
  const lines: string[] = [];
  try {
    for (const name of topics) {
      const value = await ctx.info.read(name);
      values[name] = value;
      lines.push(describe(ctx, name, value));
    }
  } catch (error) {
    return fail(ctx, EXIT.failure, 'failed', 'error.internal', { message: (error as Error).message });
  }
  if (ctx.options.json) ctx.io.out(JSON.stringify(values));
  else for (const line of lines) ctx.io.out(line);
  return EXIT.ok;
}
