/** File names made from what a person typed (a document's title). Pure. */

/**
 * A file name from a title: no path separators, control characters or
 * characters other systems refuse, no leading dots or dashes (a hidden file,
 * an option to the next program), Khmer kept, at most 80 characters.
 *
 * @example
 * safeFileName('../របាយការណ៍: ខែមករា', 'pdf'); // "របាយការណ៍ ខែមករា.pdf"
 */
export function safeFileName(title: string, ext: string): string {
  const base =
    title
      .replace(/[\\/:*?"<>|\u0000-\u001f\u007f]+/gu, ' ')
      .replace(/^[.\s-]+/u, '')
      .replace(/\s+/gu, ' ')
      .trim()
      .slice(0, 80)
      .trim() || 'document';
  return `${base}.${ext}`;
}

/** The n-th name to try when `name` is taken: "name.pdf", "name (2).pdf", … */
export function numberedName(name: string, n: number): string {
  if (n <= 1) return name;
  const dot = name.lastIndexOf('.');
  return dot > 0 ? `${name.slice(0, dot)} (${n})${name.slice(dot)}` : `${name} (${n})`;
}
