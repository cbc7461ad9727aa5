/**
 * A thin layer over fast-xml-parser's ordered output: elements with their
 * attributes and children, and text with XML's five predefined entities and
 * character references decoded. Entity processing in the parser is off, so a
 * DOCTYPE cannot define entities (no "billion laughs"); an undefined `&name;`
 * stays as written.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface XmlElement {
  tag: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | { text: string };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  processEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  cdataPropName: '#cdata',
  ignoreDeclaration: true,
  ignorePiTags: true,
});

export function parseXml(xml: string): { nodes: XmlNode[] } | { error: string } {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const { msg, line, col } = valid.err as { msg: string; line?: number; col?: number };
    const where =
      line === undefined
        ? ''
        : col === undefined
          ? ` (line ${line})`
          : ` (line ${line}, column ${col})`;
    return { error: msg + where };
  }
  try {
    return { nodes: convert(parser.parse(xml) as RawNode[], false) };
  } catch (e) {
    return { error: `cannot parse XML: ${(e as Error).message}` };
  }
}

type RawNode = Record<string, unknown>;

function convert(raw: RawNode[], inCdata: boolean): XmlNode[] {
  const nodes: XmlNode[] = [];
  for (const item of raw) {
    for (const [key, value] of Object.entries(item)) {
      if (key === ':@') continue;
      if (key === '#text')
        nodes.push({ text: inCdata ? String(value) : decodeEntities(String(value)) });
      else if (key === '#cdata') nodes.push(...convert(value as RawNode[], true));
      else if (!key.startsWith('?') && !key.startsWith('!')) {
        const attrs = (item[':@'] ?? {}) as Record<string, string>;
        const decoded = Object.fromEntries(
          Object.entries(attrs).map(([k, v]) => [k, decodeEntities(String(v))]),
        );
        nodes.push({ tag: key, attrs: decoded, children: convert(value as RawNode[], false) });
      }
    }
  }
  return nodes;
}

const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code =
        ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return named[ref] ?? whole;
  });
}

export function isElement(node: XmlNode): node is XmlElement {
  return 'tag' in node;
}

export function childElements(node: XmlElement, tag?: string): XmlElement[] {
  return node.children.filter(
    (c): c is XmlElement => isElement(c) && (tag === undefined || c.tag === tag),
  );
}

/** All text inside the element, CDATA included, in document order. */
export function textOf(node: XmlElement): string {
  return node.children.map((c) => (isElement(c) ? textOf(c) : c.text)).join('');
}
