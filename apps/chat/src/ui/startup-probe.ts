import { WidgetEventTypes, type QWidget } from '@nodegui/nodegui';

/**
 * For `npm run bench:startup`: prints "painted" once, when `widget` first
 * paints. Enabled by KOOMPI_STARTUP_PROBE=1 only; costs nothing otherwise.
 */
export function reportFirstPaint(widget: QWidget): void {
  let done = false;
  const onPaint = () => {
    if (done) return;
    done = true;
    process.stdout.write('painted\n');
    widget.removeEventListener(WidgetEventTypes.Paint, onPaint);
  };
  widget.addEventListener(WidgetEventTypes.Paint, onPaint);
}
