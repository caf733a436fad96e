import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseIntrospection, type InterfaceSpec } from '../../dbus/introspection.js';

/**
 * Reads an interface's introspection XML: `plasma-integration/dbus/<file>` in
 * the repository (found upward from this module), else the installed copy in
 * /usr/share/dbus-1/interfaces. The XML is the source of truth.
 */
export function loadInterfaces(file: string): InterfaceSpec[] {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const candidate = path.join(dir, 'plasma-integration', 'dbus', file);
    if (fs.existsSync(candidate)) return parseIntrospection(fs.readFileSync(candidate, 'utf8'));
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return parseIntrospection(fs.readFileSync(path.join('/usr/share/dbus-1/interfaces', file), 'utf8'));
}
