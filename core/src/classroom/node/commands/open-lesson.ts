/** `open-lesson`: opens a file of a received lesson, and only a file inside it. */
import fs from 'node:fs';
import path from 'node:path';
import { checkRelativePath } from '../../names.js';
import { fromSession, type CommandHandler } from './handler.js';

export const openLesson: CommandHandler<'open-lesson'> = async (command, ctx) => {
  const lesson = ctx.state.lessons.find((l) => l.share === command.share);
  const check = checkRelativePath(command.path);
  if (!lesson || check.kind !== 'ok') return { kind: 'refused', reason: 'no-such-lesson' };
  const file = path.join(lesson.dir, check.path);
  if (!file.startsWith(lesson.dir + path.sep) || !fs.existsSync(file))
    return { kind: 'refused', reason: 'no-such-lesson' };
  return fromSession(await ctx.options.session.openFile(file));
};
