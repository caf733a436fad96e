import type { QWidget } from '@nodegui/nodegui';

/**
 * Renders a widget (after letting Qt lay it out) to a PNG file, written beside
 * its final name and renamed. False when the folder is missing or Qt cannot write.
 */
export declare function saveScreenshot(widget: QWidget, file: string): boolean;
