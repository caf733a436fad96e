/**
 * Loads a heavy library (HyperFormula, docx, exceljs, pdfkit, …) on first use.
 * The specifier is a variable on purpose: bundlers leave such imports alone, so
 * an app that never exports a document does not parse megabytes of code at
 * start-up, and libraries that read files beside themselves (harfbuzzjs's WASM,
 * pdfkit's data) keep their own paths.
 */
export async function lazyImport<T>(specifier: string): Promise<T> {
  return (await import(specifier)) as T;
}

/** The default export of a CommonJS module loaded with `lazyImport`. */
export function defaultOf<T>(module: unknown): T {
  const m = module as { default?: T };
  return (m.default ?? module) as T;
}
