/**
 * The `koompi` command's dispatcher: arguments in, an exit code out. Pure of
 * process globals (everything comes in the context), so tests run it in-process.
 */
import { type Invocation } from './args.js';
import { fail, type Context } from './context.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { askCommand } from './commands/ask.js';
import { classCommand } from './commands/classroom.js';
import { completionCommand } from './commands/completion.js';
import { convertCommand } from './commands/convert.js';
import { fileCommand } from './commands/file.js';
import { infoCommand } from './commands/info.js';
import { intentCommand } from './commands/intent.js';
import { langCommand } from './commands/lang.js';
import { openCommand } from './commands/open.js';
import { packageCommand } from './commands/package.js';
import { sayCommand } from './commands/say.js';
import { snapshotCommand } from './commands/snapshot.js';
import { voiceCommand } from './commands/voice.js';

async function runCommand(ctx: Context, argv: readonly string[]): Promise<ExitCode> {
  const [command, ...args] = argv;
  switch (command) {
    case 'package':
      return packageCommand(ctx, args);
    case 'snapshot':
      return snapshotCommand(ctx, args);
    case 'info':
      return infoCommand(ctx, args);
    case 'file':
      return fileCommand(ctx, args);
    case 'class':
      return classCommand(ctx, args);
    case 'open':
      return openCommand(ctx, args);
    case 'lang':
      return langCommand(ctx, args);
    case 'voice':
      return voiceCommand(ctx, args);
    case 'ask':
      return askCommand(ctx, args, (command) => runCommand(ctx, command));
    case 'intent':
      return intentCommand(ctx, args);
    case 'completion':
      return completionCommand(ctx, args);
    case 'convert':
      return convertCommand(ctx, args);
    default:
      return fail(ctx, EXIT.usage, 'usage', 'error.tryHelp');
  }
}

export async function runCli(ctx: Context, invocation: Invocation): Promise<ExitCode> {
  const { t } = ctx;
  switch (invocation.kind) {
    case 'version':
      if (ctx.options.json) ctx.io.out(JSON.stringify({ version: ctx.version }));
      else ctx.io.out(`koompi ${ctx.version}`);
      return EXIT.ok;
    case 'help': {
      const key = invocation.topic && t.has(`usage.${invocation.topic}`) ? `usage.${invocation.topic}` : 'usage.main';
      if (ctx.options.json) ctx.io.out(JSON.stringify({ help: t(key), locale: t.locale }));
      else ctx.io.out(t(key));
      return EXIT.ok;
    }
    case 'error': {
      const code = fail(ctx, EXIT.usage, 'usage', invocation.key, invocation.params);
      if (!ctx.options.json) ctx.io.err(t('error.tryHelp'));
      return code;
    }
    case 'command':
      return runCommand(ctx, [invocation.command, ...invocation.args]);
    case 'sentence':
      return sayCommand(ctx, invocation.text, (command) => runCommand(ctx, command));
  }
}
