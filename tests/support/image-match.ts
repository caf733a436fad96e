import fs from 'node:fs';
import { PNG } from 'pngjs';

export interface InkImage {
  readonly width: number;
  readonly height: number;
  /** 1 where the pixel is dark (text), 0 elsewhere. */
  readonly ink: Uint8Array;
}

/** Reads a PNG and marks its dark pixels: text on the light backgrounds the apps use. */
export function readInk(file: string, threshold = 150): InkImage {
  const png = PNG.sync.read(fs.readFileSync(file));
  const ink = new Uint8Array(png.width * png.height);
  for (let i = 0; i < ink.length; i++) {
    const r = png.data[i * 4] ?? 255;
    const g = png.data[i * 4 + 1] ?? 255;
    const b = png.data[i * 4 + 2] ?? 255;
    ink[i] = 0.299 * r + 0.587 * g + 0.114 * b < threshold ? 1 : 0;
  }
  return { width: png.width, height: png.height, ink };
}

interface Template {
  readonly width: number;
  readonly height: number;
  readonly points: ReadonlyArray<readonly [number, number]>;
  readonly mask: Uint8Array;
}

function cropInk(image: InkImage): Template {
  let x0 = image.width;
  let y0 = image.height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      if (image.ink[y * image.width + x]) {
        x0 = Math.min(x0, x);
        y0 = Math.min(y0, y);
        x1 = Math.max(x1, x);
        y1 = Math.max(y1, y);
      }
    }
  }
  if (x1 < 0) throw new Error('template has no ink');
  const width = x1 - x0 + 1;
  const height = y1 - y0 + 1;
  const mask = new Uint8Array(width * height);
  const points: Array<[number, number]> = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (image.ink[(y + y0) * image.width + (x + x0)]) {
        mask[y * width + x] = 1;
        points.push([x, y]);
      }
    }
  }
  return { width, height, points, mask };
}

/**
 * Finds where the text drawn in `template` appears in `image` and scores the
 * best place: (ink pixels matched − extra ink inside the box) ÷ template ink.
 * 1 is an exact match; unrelated text scores far lower.
 */
export function bestMatch(image: InkImage, template: InkImage): { score: number; x: number; y: number } {
  const t = cropInk(template);
  const [ax, ay] = t.points[0]!;
  let best = { score: -Infinity, x: -1, y: -1 };
  for (let y = 0; y + t.height <= image.height; y++) {
    for (let x = 0; x + t.width <= image.width; x++) {
      if (!image.ink[(y + ay) * image.width + (x + ax)]) continue;
      let matched = 0;
      for (const [px, py] of t.points) matched += image.ink[(y + py) * image.width + (x + px)]!;
      if (matched < best.score * t.points.length) continue;
      let extra = 0;
      for (let yy = 0; yy < t.height; yy++) {
        for (let xx = 0; xx < t.width; xx++) {
          if (image.ink[(y + yy) * image.width + (x + xx)] && !t.mask[yy * t.width + xx]) extra++;
        }
      }
      const score = (matched - extra) / t.points.length;
      if (score > best.score) best = { score, x, y };
    }
  }
  return best;
}
