/**
 * Every label in the classroom's windows is plain text: a student's or a
 * device's name, a class name, a teacher's message and a status line come
 * from the network, and Qt's default (AutoText) would render `<b>`, `<a>` or
 * `<img src=…>` in them as markup.
 */
import { QLabel, TextFormat } from '@nodegui/nodegui';

export function plainLabel(text?: string): QLabel {
  const label = new QLabel();
  label.setTextFormat(TextFormat.PlainText);
  if (text !== undefined) label.setText(text);
  return label;
}
