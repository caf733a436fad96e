/**
 * A small reader for D-Bus introspection XML: enough for koompid to serve and
 * check its API from `org.koompi.System1.xml` (the source of truth), without an
 * XML library. It reads interfaces, methods (with in/out signatures and
 * annotations), properties and signals; comments are ignored.
 */

export interface MethodSpec {
  readonly name: string;
  readonly inSignature: string;
  readonly outSignature: string;
  readonly annotations: Readonly<Record<string, string>>;
}

export interface PropertySpec {
  readonly name: string;
  readonly type: string;
  readonly access: string;
}

export interface SignalSpec {
  readonly name: string;
  readonly signature: string;
}

export interface InterfaceSpec {
  readonly name: string;
  readonly methods: readonly MethodSpec[];
  readonly properties: readonly PropertySpec[];
  readonly signals: readonly SignalSpec[];
}

/** Thrown for XML this reader cannot make sense of: a packaging error, not a caller's. */
export class IntrospectionError extends Error {
  constructor(message: string) {
    super(`introspection: ${message}`);
    this.name = 'IntrospectionError';
  }
}

const attr = (tag: string, name: string): string | undefined => {
  const m = new RegExp(`\\b${name}="([^"]*)"`).exec(tag);
  return m?.[1];
};

function need(tag: string, name: string): string {
  const value = attr(tag, name);
  if (value === undefined) throw new IntrospectionError(`${tag} lacks ${name}`);
  return value;
}

/** Parses the `<interface>` elements of an introspection document, in order. */
export function parseIntrospection(xml: string): InterfaceSpec[] {
  const text = xml.replace(/<!--[\s\S]*?-->/g, '');
  const interfaces: InterfaceSpec[] = [];
  for (const im of text.matchAll(/<interface\b([^>]*)>([\s\S]*?)<\/interface>/g)) {
    const name = need(im[1] ?? '', 'name');
    const body = im[2] ?? '';
    const methods: MethodSpec[] = [];
    for (const mm of body.matchAll(/<method\b([^>]*?)(?:\/>|>([\s\S]*?)<\/method>)/g)) {
      const inner = mm[2] ?? '';
      let inSig = '';
      let outSig = '';
      for (const am of inner.matchAll(/<arg\b([^>]*)\/?>/g)) {
        const tag = am[1] ?? '';
        if ((attr(tag, 'direction') ?? 'in') === 'in') inSig += need(tag, 'type');
        else outSig += need(tag, 'type');
      }
      const annotations: Record<string, string> = {};
      for (const an of inner.matchAll(/<annotation\b([^>]*)\/?>/g)) {
        annotations[need(an[1] ?? '', 'name')] = need(an[1] ?? '', 'value');
      }
      methods.push({ name: need(mm[1] ?? '', 'name'), inSignature: inSig, outSignature: outSig, annotations });
    }
    const properties: PropertySpec[] = [];
    for (const pm of body.matchAll(/<property\b([^>]*?)\/?>/g)) {
      const tag = pm[1] ?? '';
      properties.push({ name: need(tag, 'name'), type: need(tag, 'type'), access: need(tag, 'access') });
    }
    const signals: SignalSpec[] = [];
    for (const sm of body.matchAll(/<signal\b([^>]*?)(?:\/>|>([\s\S]*?)<\/signal>)/g)) {
      let sig = '';
      for (const am of (sm[2] ?? '').matchAll(/<arg\b([^>]*)\/?>/g)) sig += need(am[1] ?? '', 'type');
      signals.push({ name: need(sm[1] ?? '', 'name'), signature: sig });
    }
    interfaces.push({ name, methods, properties, signals });
  }
  return interfaces;
}

/** The introspection document for some of the interfaces, with optional child nodes. */
export function renderIntrospection(interfaces: readonly InterfaceSpec[], children: readonly string[] = []): string {
  const lines = [
    '<!DOCTYPE node PUBLIC "-//freedesktop//DTD D-BUS Object Introspection 1.0//EN"',
    ' "http://www.freedesktop.org/standards/dbus/1.0/introspect.dtd">',
    '<node>',
    '  <interface name="org.freedesktop.DBus.Introspectable">',
    '    <method name="Introspect"><arg name="xml" type="s" direction="out"/></method>',
    '  </interface>',
    '  <interface name="org.freedesktop.DBus.Peer">',
    '    <method name="Ping"/>',
    '    <method name="GetMachineId"><arg name="id" type="s" direction="out"/></method>',
    '  </interface>',
  ];
  if (interfaces.some((i) => i.properties.length > 0)) {
    lines.push(
      '  <interface name="org.freedesktop.DBus.Properties">',
      '    <method name="Get"><arg type="s" direction="in"/><arg type="s" direction="in"/><arg type="v" direction="out"/></method>',
      '    <method name="GetAll"><arg type="s" direction="in"/><arg type="a{sv}" direction="out"/></method>',
      '    <method name="Set"><arg type="s" direction="in"/><arg type="s" direction="in"/><arg type="v" direction="in"/></method>',
      '    <signal name="PropertiesChanged"><arg type="s"/><arg type="a{sv}"/><arg type="as"/></signal>',
      '  </interface>',
    );
  }
  for (const i of interfaces) {
    lines.push(`  <interface name="${i.name}">`);
    for (const m of i.methods) {
      lines.push(`    <method name="${m.name}">`);
      for (const type of splitSignature(m.inSignature)) lines.push(`      <arg type="${type}" direction="in"/>`);
      for (const type of splitSignature(m.outSignature)) lines.push(`      <arg type="${type}" direction="out"/>`);
      lines.push('    </method>');
    }
    for (const p of i.properties) lines.push(`    <property name="${p.name}" type="${p.type}" access="${p.access}"/>`);
    for (const s of i.signals) {
      lines.push(`    <signal name="${s.name}">`);
      for (const type of splitSignature(s.signature)) lines.push(`      <arg type="${type}"/>`);
      lines.push('    </signal>');
    }
    lines.push('  </interface>');
  }
  for (const child of children) lines.push(`  <node name="${child}"/>`);
  lines.push('</node>', '');
  return lines.join('\n');
}

/** Splits a signature into its single complete types: `sa{sv}as` → `s`, `a{sv}`, `as`. */
export function splitSignature(signature: string): string[] {
  const types: string[] = [];
  let i = 0;
  const one = (): void => {
    const c = signature[i];
    if (c === undefined) throw new IntrospectionError(`truncated signature "${signature}"`);
    i++;
    if (c === 'a') return one();
    if (c === '(' || c === '{') {
      const close = c === '(' ? ')' : '}';
      while (signature[i] !== close) {
        if (i >= signature.length) throw new IntrospectionError(`unbalanced signature "${signature}"`);
        one();
      }
      i++;
    }
  };
  while (i < signature.length) {
    const start = i;
    one();
    types.push(signature.slice(start, i));
  }
  return types;
}
