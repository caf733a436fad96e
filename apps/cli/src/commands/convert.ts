/**
 * `koompi convert IN OUT [--as slides] [--overwrite]`: a document, outline or
 * sheet in the format OUT's extension names, through core's `convertFile`
 * (errors are values; the output is written atomically, never over an
 * existing file unless --overwrite). Messages about files come from the
 * `office` bundle, in the person's language, as the office apps show them.
 */
import {
  convertFile,
  describeOfficeError,
  loadTranslator,
  type ConvertAs,
  type ConvertOptions,
  type ConvertSummary,
  type OfficeError,
  type OfficeResult,
} from '@koompi/core';
import { fail, type Context } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';

/** What `--as` takes, for the parser's help and the completion scripts. */
export const CONVERT_AS: readonly ConvertAs[] = ['slides', 'document'];
/** The options `convert` reads itself. */
export const CONVERT_OPTIONS = ['--as', '--overwrite'] as const;

export type Converter = (
  input: string,
  output: string,
  options: ConvertOptions,
) => Promise<OfficeResult<ConvertSummary>>;

type Parsed =
  | {
      readonly kind: 'ok';
      readonly input: string;
      readonly output: string;
      readonly as?: ConvertAs;
      readonly overwrite: boolean;
    }
  | { readonly kind: 'usage'; readonly key: string; readonly params: Record<string, string> };

/** Reads `IN OUT`, `--as slides` / `--as=slides` and `--overwrite` anywhere after `convert`. */
export function parseConvertArgs(args: readonly string[]): Parsed {
  const files: string[] = [];
  let as: ConvertAs | undefined;
  let overwrite = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--overwrite') overwrite = true;
    else if (arg === '--as' || arg.startsWith('--as=')) {
      const value = arg === '--as' ? args[++i] : arg.slice('--as='.length);
      if (value === undefined || value === '') return { kind: 'usage', key: 'convert.missingAs', params: {} };
      if (!(CONVERT_AS as readonly string[]).includes(value))
        return { kind: 'usage', key: 'convert.badAs', params: { value } };
      as = value as ConvertAs;
    } else files.push(arg);
  }
  if (files.length < 2) return { kind: 'usage', key: 'convert.missingFiles', params: {} };
  if (files.length > 2)
    return { kind: 'usage', key: 'error.tooMany', params: { command: 'convert', extra: files.slice(2).join(' ') } };
  return { kind: 'ok', input: files[0]!, output: files[1]!, overwrite, ...(as ? { as } : {}) };
}

/** Wrong paths and unsupported pairs are the person's to fix (usage); the rest failed while converting. */
function exitFor(error: OfficeError): ExitCode {
  return error.kind === 'unsupported-format' || error.kind === 'invalid-path' ? EXIT.usage : EXIT.failure;
}

export async function convertCommand(
  ctx: Context,
  args: readonly string[],
  convert: Converter = convertFile,
): Promise<ExitCode> {
  const parsed = parseConvertArgs(args);
  if (parsed.kind === 'usage') {
    const code = fail(ctx, EXIT.usage, 'usage', parsed.key, parsed.params);
    if (!ctx.options.json) ctx.io.err(ctx.t('convert.tryHelp'));
    return code;
  }
  const { input, output, as, overwrite } = parsed;
  const r = await convert(input, output, { overwrite, ...(as ? { as } : {}) });
  if (!r.ok) {
    const office = loadTranslator('office', { env: ctx.env, locale: ctx.t.locale });
    const { kind, ...details } = r.error;
    const message = describeOfficeError(office, r.error);
    if (ctx.options.json) ctx.io.out(JSON.stringify({ error: { code: kind, message, ...details } }));
    else {
      ctx.io.err(message);
      if (kind === 'exists') ctx.io.err(ctx.t('convert.useOverwrite'));
      if (kind === 'unsupported-format') ctx.io.err(ctx.t('convert.tryHelp'));
    }
    return exitFor(r.error);
  }
  const { plan, bytes } = r.value;
  if (ctx.options.json)
    ctx.io.out(
      JSON.stringify({
        input: r.value.input,
        output: r.value.output,
        kind: plan.kind,
        from: plan.from,
        to: plan.to,
        bytes,
      }),
    );
  else ctx.io.out(ctx.t('convert.done', { input, output, bytes }));
  return EXIT.ok;
}
