/**
 * Write's paragraph styles and the point sizes they type in. Qt's editor in
 * NodeGui cannot set a block's heading level, so a style is a size and weight;
 * on export a paragraph typed wholly in a heading's size becomes that heading.
 */
export const STYLES = ['paragraph', 'heading1', 'heading2', 'heading3'] as const;
export type StyleId = (typeof STYLES)[number];

export const STYLE_FORMAT: Readonly<Record<StyleId, { readonly size: number; readonly weight: 400 | 700 }>> = {
  paragraph: { size: 12, weight: 400 },
  heading1: { size: 22, weight: 700 },
  heading2: { size: 17, weight: 700 },
  heading3: { size: 14, weight: 700 },
};

/** Point size → heading level, for `htmlToDocument`'s `headingSizes`. */
export const HEADING_SIZES: Readonly<Record<number, 1 | 2 | 3>> = {
  [STYLE_FORMAT.heading1.size]: 1,
  [STYLE_FORMAT.heading2.size]: 2,
  [STYLE_FORMAT.heading3.size]: 3,
};
