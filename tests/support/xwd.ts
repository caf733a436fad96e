import { PNG } from 'pngjs';

/**
 * Converts an X window dump (`xwd -root -silent`, 24/32-bit TrueColor, ZPixmap)
 * to PNG bytes, so screenshots of a real X display can be kept and compared.
 */
export function xwdToPng(xwd: Buffer): Buffer {
  const field = (i: number) => xwd.readUInt32BE(i * 4);
  const headerSize = field(0);
  const format = field(2);
  const width = field(4);
  const height = field(5);
  const byteOrder = field(7);
  const bitsPerPixel = field(11);
  const bytesPerLine = field(12);
  const [redMask, greenMask, blueMask] = [field(14), field(15), field(16)];
  const ncolors = field(19);
  // Xvfb's depth-24 screens store 4 bytes a pixel and may report 24 bits.
  const step = Math.floor(bytesPerLine / width);
  if (format !== 2 || bitsPerPixel < 24 || (step !== 3 && step !== 4)) {
    throw new Error(`unsupported xwd: format ${format}, ${bitsPerPixel} bpp, ${bytesPerLine} bytes a line`);
  }
  const shift = (mask: number) => (mask === 0 ? 0 : Math.log2(mask & -mask));
  const data = headerSize + ncolors * 12;
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = data + y * bytesPerLine + x * step;
      const pixel =
        step === 4
          ? byteOrder === 0
            ? xwd.readUInt32LE(at)
            : xwd.readUInt32BE(at)
          : byteOrder === 0
            ? xwd.readUIntLE(at, 3)
            : xwd.readUIntBE(at, 3);
      const o = (y * width + x) * 4;
      png.data[o] = ((pixel & redMask) >>> shift(redMask)) & 0xff;
      png.data[o + 1] = ((pixel & greenMask) >>> shift(greenMask)) & 0xff;
      png.data[o + 2] = ((pixel & blueMask) >>> shift(blueMask)) & 0xff;
      png.data[o + 3] = 0xff;
    }
  }
  return PNG.sync.write(png);
}
