/**
 * `koompi voice transcribe [--mode command|dictation] [--language km|en|auto] [--json] FILE.wav`
 * `koompi voice model add FILE [--system]` and `koompi voice model list`.
 * Speech to text on this computer: command mode (pocketsphinx with a grammar
 * from the app catalog) or dictation (whisper). Problems are said in the
 * person's language from the `voice` messages.
 */
import {
  addModel,
  listenAndTranscribe,
  listModels,
  loadTranslator,
  openCommandMode,
  openDictation,
  transcribeWavFile,
  typeIntoFocusedWindow,
  voiceMessage,
  type VoiceNotice,
} from '@koompi/core';
import { takeOption } from '../args.js';
import { emit, fail, type Context } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';

function problem(ctx: Context, notice: VoiceNotice, exit: ExitCode): ExitCode {
  const voice = loadTranslator('voice', { locale: ctx.t.locale, env: ctx.env });
  const { key, params } = voiceMessage(notice);
  const message = voice(key, params);
  if (ctx.options.json) ctx.io.out(JSON.stringify({ error: { code: notice.kind, message } }));
  else ctx.io.err(message);
  return exit;
}

export async function voiceCommand(ctx: Context, args: readonly string[]): Promise<ExitCode> {
  const [action, ...rest] = args;
  if (action === 'transcribe') return transcribe(ctx, rest);
  if (action === 'model') return model(ctx, rest);
  if (action === 'dictate') return dictate(ctx, rest);
  if (action === undefined) return fail(ctx, EXIT.usage, 'usage', 'error.missingAction', { command: 'voice' });
  return fail(ctx, EXIT.usage, 'usage', 'error.unknownAction', { command: 'voice', action });
}

async function transcribe(ctx: Context, words: readonly string[]): Promise<ExitCode> {
  const mode = takeOption(words, '--mode');
  const language = takeOption(mode.rest, '--language');
  const [file, ...extra] = language.rest;
  if (file === undefined || extra.length > 0) return fail(ctx, EXIT.usage, 'usage', 'voice.usage');
  const modeValue = mode.value ?? 'dictation';
  if (modeValue !== 'command' && modeValue !== 'dictation') return fail(ctx, EXIT.usage, 'usage', 'voice.usage');
  const lang = language.value ?? 'auto';
  if (lang !== 'km' && lang !== 'en' && lang !== 'auto') return fail(ctx, EXIT.usage, 'usage', 'voice.usage');
  const result = await transcribeWavFile(file, { mode: modeValue, language: lang });
  if (result.kind !== 'ok') {
    const exit = result.kind === 'no-model' || result.kind === 'engine-missing' ? EXIT.unavailable : EXIT.failure;
    return problem(
      ctx,
      result,
      result.kind === 'file-not-found' || result.kind === 'invalid-audio' ? EXIT.usage : exit,
    );
  }
  const { text, engine, seconds } = result.transcript;
  const routed = modeValue === 'command' ? ctx.router.route(text) : undefined;
  emit(ctx, { text, engine, seconds, ...(routed ? { intent: routed.intent, slots: routed.slots } : {}) }, [text]);
  return EXIT.ok;
}

async function model(ctx: Context, words: readonly string[]): Promise<ExitCode> {
  const [action, ...rest] = words;
  if (action === 'list') {
    const models = await listModels();
    emit(
      ctx,
      { models },
      models.map((m) => `${m.model.id}  ${m.scope}  ${m.path}`),
    );
    return EXIT.ok;
  }
  if (action !== 'add') return fail(ctx, EXIT.usage, 'usage', 'voice.usage');
  const system = takeOption(rest, '--system', false);
  const [file, ...extra] = system.rest;
  if (file === undefined || extra.length > 0) return fail(ctx, EXIT.usage, 'usage', 'voice.usage');
  const result = await addModel(file, { scope: system.value ? 'system' : 'user' });
  switch (result.kind) {
    case 'installed': {
      const voice = loadTranslator('voice', { locale: ctx.t.locale, env: ctx.env });
      const { key, params } = voiceMessage(result);
      emit(ctx, { installed: result.model.id, path: result.path, alreadyPresent: result.alreadyPresent }, [
        voice(key, params),
      ]);
      return EXIT.ok;
    }
    case 'not-found':
      return problem(ctx, { kind: 'file-not-found', file: result.file }, EXIT.usage);
    case 'unknown-model':
      return problem(ctx, result, EXIT.failure);
    case 'permission-denied':
      return problem(ctx, result, EXIT.notPermitted);
  }
}

/**
 * `koompi voice dictate [--mode command|dictation] [--device SOURCE] [--type]`:
 * listens to the microphone for one utterance (it ends when the speaker
 * pauses), prints what was said, and with `--type` types it into the window
 * that has the keyboard focus. `koompi-dictate` (Meta+H on the desktop) is
 * `koompi voice dictate --type`.
 */
async function dictate(ctx: Context, words: readonly string[]): Promise<ExitCode> {
  const mode = takeOption(words, '--mode');
  const device = takeOption(mode.rest, '--device');
  const type = takeOption(device.rest, '--type', false);
  if (type.rest.length > 0) return fail(ctx, EXIT.usage, 'usage', 'voice.usage');
  const wanted = mode.value ?? 'dictation';
  if (wanted !== 'command' && wanted !== 'dictation') return fail(ctx, EXIT.usage, 'usage', 'voice.usage');
  // Dictation needs a whisper model; without one, command mode still works.
  const dictation = wanted === 'dictation' ? await openDictation() : undefined;
  const opened = dictation?.kind === 'ok' ? dictation : await openCommandMode();
  if (opened.kind !== 'ok')
    return problem(ctx, dictation && dictation.kind !== 'ok' ? dictation : opened, EXIT.unavailable);
  try {
    const heard = await listenAndTranscribe(opened.transcriber, {
      language: ctx.t.locale,
      ...(typeof device.value === 'string' ? { device: device.value } : {}),
      env: ctx.env,
    });
    if (heard.kind !== 'ok')
      return problem(ctx, heard, heard.kind === 'no-microphone' ? EXIT.unavailable : EXIT.failure);
    const { text, engine } = heard.transcript;
    if (type.value) {
      const typed = await typeIntoFocusedWindow(text, { env: ctx.env });
      if (typed.kind !== 'typed')
        return problem(ctx, { kind: 'no-typing-tool', detail: typed.detail }, EXIT.unavailable);
    }
    emit(ctx, { text, engine, latencySeconds: heard.latencySeconds, typed: Boolean(type.value) }, [text]);
    return EXIT.ok;
  } finally {
    await opened.transcriber.close();
  }
}
