/**
 * A Write document as ODT (OpenDocument Text), written directly: a ZIP of
 * content.xml, styles.xml, meta.xml and the manifest. LibreOffice classes Khmer
 * as a complex (CTL) script, so every style names Noto Sans Khmer as its
 * complex font and km-KH as its complex language.
 */
import type JSZipType from 'jszip';
import { defaultOf, lazyImport } from '../lazy.js';
import { escapeXml } from '../xml.js';
import type { Block, OfficeDocument, TextRun } from './model.js';

const NS = [
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
  'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"',
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
  'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"',
  'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"',
  'xmlns:xlink="http://www.w3.org/1999/xlink"',
  'xmlns:dc="http://purl.org/dc/elements/1.1/"',
  'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"',
  'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"',
  'office:version="1.3"',
].join(' ');

const FONT_DECLS = `<office:font-face-decls>
<style:font-face style:name="Noto Sans" svg:font-family="'Noto Sans'" style:font-family-generic="swiss"/>
<style:font-face style:name="Noto Sans Khmer" svg:font-family="'Noto Sans Khmer'" style:font-family-generic="swiss"/>
</office:font-face-decls>`;

const TEXT_PROPS = (size: number, bold = false) =>
  `<style:text-properties style:font-name="Noto Sans" fo:font-size="${size}pt" style:font-name-asian="Noto Sans Khmer" style:font-size-asian="${size}pt" style:font-name-complex="Noto Sans Khmer" style:font-size-complex="${size}pt" fo:language="en" fo:country="US" style:language-complex="km" style:country-complex="KH"${
    bold ? ' fo:font-weight="bold" style:font-weight-asian="bold" style:font-weight-complex="bold"' : ''
  }/>`;

const STYLES = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles ${NS}>
${FONT_DECLS}
<office:styles>
<style:default-style style:family="paragraph"><style:paragraph-properties fo:line-height="125%"/>${TEXT_PROPS(12)}</style:default-style>
<style:style style:name="Standard" style:family="paragraph" style:class="text"><style:paragraph-properties fo:margin-bottom="0.2cm"/></style:style>
<style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:parent-style-name="Standard" style:next-style-name="Standard" style:default-outline-level="1" style:class="text"><style:paragraph-properties fo:margin-top="0.4cm" fo:margin-bottom="0.2cm" fo:keep-with-next="always"/>${TEXT_PROPS(22, true)}</style:style>
<style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" style:parent-style-name="Standard" style:next-style-name="Standard" style:default-outline-level="2" style:class="text"><style:paragraph-properties fo:margin-top="0.35cm" fo:margin-bottom="0.2cm" fo:keep-with-next="always"/>${TEXT_PROPS(17, true)}</style:style>
<style:style style:name="Heading_20_3" style:display-name="Heading 3" style:family="paragraph" style:parent-style-name="Standard" style:next-style-name="Standard" style:default-outline-level="3" style:class="text"><style:paragraph-properties fo:margin-top="0.3cm" fo:margin-bottom="0.2cm" fo:keep-with-next="always"/>${TEXT_PROPS(14, true)}</style:style>
</office:styles>
<office:automatic-styles><style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2cm" fo:margin-right="2cm"/></style:page-layout></office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"/></office:master-styles>
</office:document-styles>`;

/** Automatic span styles: T<b><i><u> for each combination in use. */
function spanStyle(run: TextRun): string | undefined {
  if (!run.bold && !run.italic && !run.underline) return undefined;
  return `T${run.bold ? 1 : 0}${run.italic ? 1 : 0}${run.underline ? 1 : 0}`;
}

function spanStyleXml(name: string): string {
  const [, b, i, u] = name;
  const props: string[] = [];
  if (b === '1') props.push('fo:font-weight="bold" style:font-weight-asian="bold" style:font-weight-complex="bold"');
  if (i === '1') props.push('fo:font-style="italic" style:font-style-asian="italic" style:font-style-complex="italic"');
  if (u === '1')
    props.push(
      'style:text-underline-style="solid" style:text-underline-width="auto" style:text-underline-color="font-color"',
    );
  return `<style:style style:name="${name}" style:family="text"><style:text-properties ${props.join(' ')}/></style:style>`;
}

function textRuns(runs: readonly TextRun[], used: Set<string>): string {
  return runs
    .map((run) => {
      // spaces: ODF collapses runs of spaces unless written as text:s
      const text = escapeXml(run.text)
        .replace(/ {2,}/g, (m) => ` <text:s text:c="${m.length - 1}"/>`)
        .replace(/\t/g, '<text:tab/>')
        .replace(/\n/g, '<text:line-break/>');
      const style = spanStyle(run);
      if (!style) return text;
      used.add(style);
      return `<text:span text:style-name="${style}">${text}</text:span>`;
    })
    .join('');
}

export async function documentToOdt(doc: OfficeDocument): Promise<Uint8Array> {
  const JSZip = defaultOf<typeof JSZipType>(await lazyImport('jszip'));
  const zip = new JSZip();
  const used = new Set<string>();
  const body: string[] = [];
  const pictures: Array<{ name: string; data: Uint8Array; mime: string }> = [];
  let tables = 0;
  const blockXml = (block: Block) => {
    switch (block.kind) {
      case 'heading':
        body.push(
          `<text:h text:style-name="Heading_20_${block.level}" text:outline-level="${block.level}">${textRuns(block.runs, used)}</text:h>`,
        );
        break;
      case 'paragraph':
        body.push(
          `<text:p text:style-name="${block.align && block.align !== 'left' ? `P_${block.align}` : 'Standard'}">${textRuns(block.runs, used)}</text:p>`,
        );
        if (block.align && block.align !== 'left') used.add(`P_${block.align}`);
        break;
      case 'list':
        body.push(
          `<text:list text:style-name="${block.ordered ? 'L_numbered' : 'L_bullet'}">${block.items
            .map(
              (item) =>
                `<text:list-item><text:p text:style-name="Standard">${textRuns(item, used)}</text:p></text:list-item>`,
            )
            .join('')}</text:list>`,
        );
        break;
      case 'table': {
        const columns = Math.max(1, ...block.rows.map((r) => r.length));
        const name = `Table${++tables}`;
        const rows = block.rows.map((row, r) => {
          const header = block.header && r === 0;
          const cells = Array.from({ length: columns }, (_, c) => {
            const runs = (row[c] ?? []).map((run) => (header ? { ...run, bold: true } : run));
            return `<table:table-cell table:style-name="${header ? 'CellHead' : 'Cell'}" office:value-type="string"><text:p text:style-name="Standard">${textRuns(runs, used)}</text:p></table:table-cell>`;
          });
          const xml = `<table:table-row>${cells.join('')}</table:table-row>`;
          return header ? `<table:table-header-rows>${xml}</table:table-header-rows>` : xml;
        });
        body.push(
          `<table:table table:name="${name}" table:style-name="Tbl"><table:table-column table:number-columns-repeated="${columns}"/>${rows.join('')}</table:table>`,
        );
        break;
      }
      case 'image': {
        const ext = block.mime === 'image/png' ? 'png' : 'jpg';
        const name = `Pictures/image${pictures.length + 1}.${ext}`;
        pictures.push({ name, data: block.data, mime: block.mime });
        const scale = Math.min(1, 17 / (block.width / 37.8));
        const w = ((block.width / 37.8) * scale).toFixed(2);
        const h = ((block.height / 37.8) * scale).toFixed(2);
        body.push(
          `<text:p text:style-name="P_center"><draw:frame draw:name="${escapeXml(block.alt || name)}" text:anchor-type="as-char" svg:width="${w}cm" svg:height="${h}cm"><draw:image xlink:href="${name}" xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad"/><svg:desc>${escapeXml(block.alt)}</svg:desc></draw:frame></text:p>`,
        );
        used.add('P_center');
        break;
      }
      case 'page-break':
        body.push('<text:p text:style-name="P_break"/>');
        used.add('P_break');
        break;
    }
  };
  for (const block of doc.blocks) blockXml(block);

  const automatic = [
    ...[...used].filter((s) => s.startsWith('T')).map(spanStyleXml),
    ...[...used]
      .filter((s) => s.startsWith('P_') && s !== 'P_break')
      .map(
        (s) =>
          `<style:style style:name="${s}" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="${s === 'P_justify' ? 'justify' : s.slice(2) === 'right' ? 'end' : 'center'}"/></style:style>`,
      ),
    '<style:style style:name="P_break" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:break-before="page"/></style:style>',
    '<style:style style:name="Tbl" style:family="table"><style:table-properties style:width="17cm" table:align="margins"/></style:style>',
    '<style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties fo:padding="0.1cm" fo:border="0.5pt solid #8a96a3"/></style:style>',
    '<style:style style:name="CellHead" style:family="table-cell"><style:table-cell-properties fo:padding="0.1cm" fo:border="0.5pt solid #8a96a3" fo:background-color="#e8eef7"/></style:style>',
    '<text:list-style style:name="L_bullet"><text:list-level-style-bullet text:level="1" text:bullet-char="•"><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="0.8cm" fo:text-indent="-0.5cm" fo:margin-left="0.8cm"/></style:list-level-properties></text:list-level-style-bullet></text:list-style>',
    '<text:list-style style:name="L_numbered"><text:list-level-style-number text:level="1" style:num-suffix="." style:num-format="1"><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="0.8cm" fo:text-indent="-0.5cm" fo:margin-left="0.8cm"/></style:list-level-properties></text:list-level-style-number></text:list-style>',
  ];
  const content = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content ${NS}>
${FONT_DECLS}
<office:automatic-styles>${automatic.join('')}</office:automatic-styles>
<office:body><office:text>${body.join('\n')}</office:text></office:body>
</office:document-content>`;
  const meta = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta ${NS}><office:meta><dc:title>${escapeXml(doc.title)}</dc:title><dc:language>${doc.lang ?? 'km-KH'}</dc:language><meta:generator>KOOMPI Write</meta:generator></office:meta></office:document-meta>`;
  const manifest = `<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
${pictures.map((p) => `<manifest:file-entry manifest:full-path="${p.name}" manifest:media-type="${p.mime}"/>`).join('\n')}
</manifest:manifest>`;
  // the mimetype entry must come first and be stored uncompressed
  zip.file('mimetype', 'application/vnd.oasis.opendocument.text', { compression: 'STORE' });
  zip.file('content.xml', content);
  zip.file('styles.xml', STYLES);
  zip.file('meta.xml', meta);
  zip.file('META-INF/manifest.xml', manifest);
  for (const p of pictures) zip.file(p.name, p.data);
  return zip.generateAsync({
    type: 'uint8array',
    compression: 'DEFLATE',
    mimeType: 'application/vnd.oasis.opendocument.text',
  });
}
