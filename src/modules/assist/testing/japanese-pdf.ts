/**
 * Writes a small real PDF whose text layer holds Japanese lines, for tests. No Japanese font is installed on this
 * machine to embed, so the font is a Type0/CIDFontType2 reference without a font program, Identity-H encoded with
 * each CID equal to the character's UTF-16 code, and a ToUnicode CMap mapping them back — which is what a reader's
 * text extraction uses. Viewers would draw substitute glyphs; extraction reads the exact text.
 */
export function japanesePdf(pages: string[][]): Uint8Array {
  const objects: string[] = [];
  const add = (body: string) => objects.push(body) - 1 + 1;
  const catalog = add('');
  const pagesId = add('');
  const cmap = toUnicodeCMap();
  const cmapId = add(`<< /Length ${Buffer.byteLength(cmap, 'latin1')} >>\nstream\n${cmap}\nendstream`);
  const descriptor = add(
    '<< /Type /FontDescriptor /FontName /TsunaguGothic /Flags 4 /FontBBox [0 -120 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>',
  );
  const cidFont = add(
    `<< /Type /Font /Subtype /CIDFontType2 /BaseFont /TsunaguGothic /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor ${descriptor} 0 R /DW 1000 >>`,
  );
  const font = add(
    `<< /Type /Font /Subtype /Type0 /BaseFont /TsunaguGothic /Encoding /Identity-H /DescendantFonts [${cidFont} 0 R] /ToUnicode ${cmapId} 0 R >>`,
  );
  const pageIds: number[] = [];
  for (const lines of pages) {
    const ops = lines
      .map((line, i) => {
        const hex = [...line].map((ch) => ch.charCodeAt(0).toString(16).padStart(4, '0')).join('');
        return `BT /F1 12 Tf 40 ${800 - i * 20} Td <${hex}> Tj ET`;
      })
      .join('\n');
    const content = add(`<< /Length ${Buffer.byteLength(ops, 'latin1')} >>\nstream\n${ops}\nendstream`);
    pageIds.push(
      add(
        `<< /Type /Page /Parent ${pagesId} 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${content} 0 R >>`,
      ),
    );
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesId} 0 R >>`;
  objects[pagesId - 1] =
    `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageIds.length} >>`;
  let out = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** CID n → U+n for the whole BMP, in the 100-entry ranges a CMap allows. */
function toUnicodeCMap(): string {
  const ranges: string[] = [];
  for (let start = 0x20; start <= 0xffff; start += 0x100) {
    const end = Math.min(start + 0xff, 0xffff);
    const h = (n: number) => n.toString(16).padStart(4, '0');
    ranges.push(`<${h(start)}> <${h(end)}> <${h(start)}>`);
  }
  const blocks: string[] = [];
  for (let i = 0; i < ranges.length; i += 100) {
    const chunk = ranges.slice(i, i + 100);
    blocks.push(`${chunk.length} beginbfrange\n${chunk.join('\n')}\nendbfrange`);
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange',
    ...blocks,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
}
