import type { QListWidget } from '@nodegui/nodegui';

/**
 * For `npm run bench:chat`: when the first piece of an answer has been put in
 * the list, paint the list at once and print the wall-clock time (ms since the
 * epoch) on stdout, so the benchmark can compare it with when the server sent
 * that piece. Enabled by KOOMPI_PAINT_PROBE=1 only.
 */
export function reportFirstAnswerPaint(list: QListWidget): (text: string) => void {
  let done = false;
  return (text) => {
    if (done || !text) return;
    done = true;
    list.repaint();
    process.stdout.write(`answer-painted ${performance.timeOrigin + performance.now()}\n`);
  };
}
