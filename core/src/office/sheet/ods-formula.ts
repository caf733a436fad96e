/**
 * OpenFormula (ODF) → the A1 formulas Calculate and HyperFormula use:
 * `of:=SUM([.B2:.B4])` → `=SUM(B2:B4)`, `[$Sheet2.A1]` → `Sheet2!A1`,
 * `;` between arguments → `,`. Text in double quotes is kept as it is.
 */
export function odfFormulaToA1(formula: string): string {
  let f = formula.replace(/^(?:of|oooc|msoxl):/, '');
  if (!f.startsWith('=')) f = `=${f}`;
  let out = '';
  for (let i = 0; i < f.length; i++) {
    const ch = f[i]!;
    if (ch === '"') {
      const end = f.indexOf('"', i + 1);
      // "" inside a string is an escaped quote
      let j = end;
      while (j !== -1 && f[j + 1] === '"') j = f.indexOf('"', j + 2);
      const stop = j === -1 ? f.length - 1 : j;
      out += f.slice(i, stop + 1);
      i = stop;
    } else if (ch === '[') {
      const end = f.indexOf(']', i);
      const ref = f.slice(i + 1, end === -1 ? f.length : end);
      out += refToA1(ref);
      i = end === -1 ? f.length : end;
    } else if (ch === ';') out += ',';
    else out += ch;
  }
  return out;
}

function refToA1(ref: string): string {
  return ref
    .split(':')
    .map((part, i) => {
      const dot = part.lastIndexOf('.');
      const sheet = part
        .slice(0, dot)
        .replace(/^\$/, '')
        .replace(/^'(.*)'$/, '$1');
      const cell = part.slice(dot + 1);
      if (!sheet || i > 0) return cell;
      return /^[A-Za-z_][A-Za-z0-9_]*$/.test(sheet) ? `${sheet}!${cell}` : `'${sheet.replace(/'/g, "''")}'!${cell}`;
    })
    .join(':');
}
