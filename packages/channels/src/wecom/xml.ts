/**
 * A small, safe XML parser for WeCom callback bodies (no dependency, nothing reaches the network
 * or the disk). It reads elements, attributes, text, CDATA, the five predefined entities and
 * numeric character references — and nothing else:
 * - any `<!DOCTYPE`, `<!ENTITY`, comment or other `<!…` construct, and any processing instruction
 *   other than one leading `<?xml …?>` declaration → `FORBIDDEN_DTD` (no entity is ever expanded,
 *   so billion-laughs and external-entity payloads cannot work);
 * - input over `maxBytes` UTF-8 bytes (default 64 KiB), nesting deeper than 8 or more than 5,000
 *   elements → `TOO_LARGE`;
 * - anything else that is not well-formed (mismatched tags, junk after the root, bare `&`) → `BAD_XML`.
 */

export type TWecomXmlErrorCode =
  | 'BAD_XML' // not well-formed, or not the shape a WeCom callback has
  | 'TOO_LARGE' // over the byte, depth or element limits
  | 'FORBIDDEN_DTD'; // DOCTYPE, ENTITY, comments or processing instructions

const MESSAGES: Record<TWecomXmlErrorCode, string> = {
  BAD_XML: 'The body is not well-formed XML as WeCom sends it; check that the request comes from WeCom unaltered.',
  TOO_LARGE: 'The XML is larger or deeper than a WeCom callback can be; reject it and check who sends it.',
  FORBIDDEN_DTD:
    'The XML holds a DOCTYPE, entity declaration, comment or processing instruction, which WeCom never sends; it is refused.',
};

export class WecomXmlError extends Error {
  readonly code: TWecomXmlErrorCode;
  constructor(code: TWecomXmlErrorCode, detail?: string) {
    super(detail ? `${MESSAGES[code]} (${detail})` : MESSAGES[code]);
    this.name = 'WecomXmlError';
    this.code = code;
  }
}

/** One element: its name, attributes, child elements in order, and its text (CDATA included). */
export type TXmlElement = {
  name: string;
  attributes: Record<string, string>;
  children: TXmlElement[];
  // The element's own text: character data and CDATA sections concatenated, entities decoded.
  text: string;
};

export type TParseXmlOptions = {
  /** Largest input accepted, in UTF-8 bytes. Default 64 KiB (WeCom callbacks are a few hundred bytes). */
  maxBytes?: number;
  /** Deepest nesting accepted (the root is depth 1). Default 8. */
  maxDepth?: number;
  /** Most elements accepted. Default 5,000. */
  maxElements?: number;
};

export const XML_LIMITS = { maxBytes: 64 * 1024, maxDepth: 8, maxElements: 5_000 } as const;

const NAME_RE = /^[A-Za-z_:\p{L}][-A-Za-z0-9_:.\p{L}\p{N}]*$/u;
/**
 * Whether XML 1.0 forbids this UTF-16 unit anywhere: C0 controls other than tab, LF and CR; U+FFFE/U+FFFF.
 * @example
 * isForbiddenXmlChar(0x01); // true
 * isForbiddenXmlChar('\n'.charCodeAt(0)); // false
 */
export function isForbiddenXmlChar(unit: number): boolean {
  return (unit < 0x20 && unit !== 0x9 && unit !== 0xa && unit !== 0xd) || unit === 0xfffe || unit === 0xffff;
}
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(raw: string, at: number): string {
  if (!raw.includes('&')) return raw;
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const amp = raw.indexOf('&', i);
    if (amp < 0) {
      out += raw.slice(i);
      break;
    }
    out += raw.slice(i, amp);
    const semi = raw.indexOf(';', amp + 1);
    // Entity names are short; a far-away ';' means a bare '&'.
    if (semi < 0 || semi - amp > 12) throw new WecomXmlError('BAD_XML', `bare "&" near offset ${at + amp}`);
    const name = raw.slice(amp + 1, semi);
    const predefined = PREDEFINED[name];
    if (predefined !== undefined) out += predefined;
    else if (/^#[0-9]{1,7}$/.test(name) || /^#x[0-9A-Fa-f]{1,6}$/.test(name)) {
      const code = name[1] === 'x' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      const allowed =
        code === 0x9 ||
        code === 0xa ||
        code === 0xd ||
        (code >= 0x20 && code <= 0xd7ff) ||
        (code >= 0xe000 && code <= 0xfffd) ||
        (code >= 0x10000 && code <= 0x10ffff);
      if (!allowed) throw new WecomXmlError('BAD_XML', `character reference &${name}; is not an XML character`);
      out += String.fromCodePoint(code);
    } else {
      // Only the five predefined entities exist here: nothing is ever declared, so nothing expands.
      throw new WecomXmlError('BAD_XML', `unknown entity &${name.slice(0, 20)};`);
    }
    i = semi + 1;
  }
  return out;
}

function parseAttributes(source: string, at: number): Record<string, string> {
  const attributes: Record<string, string> = {};
  let i = 0;
  while (i < source.length) {
    while (i < source.length && /\s/.test(source[i] ?? '')) i++;
    if (i >= source.length) break;
    const eq = source.indexOf('=', i);
    if (eq < 0) throw new WecomXmlError('BAD_XML', `attribute without a value near offset ${at + i}`);
    const name = source.slice(i, eq).trim();
    if (!NAME_RE.test(name)) throw new WecomXmlError('BAD_XML', `bad attribute name near offset ${at + i}`);
    let j = eq + 1;
    while (j < source.length && /\s/.test(source[j] ?? '')) j++;
    const quote = source[j];
    if (quote !== '"' && quote !== "'") throw new WecomXmlError('BAD_XML', `unquoted attribute near offset ${at + j}`);
    const end = source.indexOf(quote, j + 1);
    if (end < 0) throw new WecomXmlError('BAD_XML', `unterminated attribute near offset ${at + j}`);
    const value = source.slice(j + 1, end);
    if (value.includes('<')) throw new WecomXmlError('BAD_XML', `"<" in an attribute near offset ${at + j}`);
    if (Object.hasOwn(attributes, name)) throw new WecomXmlError('BAD_XML', `attribute "${name}" repeated`);
    attributes[name] = decodeEntities(value, at + j + 1);
    i = end + 1;
    if (i < source.length && !/\s/.test(source[i] ?? ''))
      throw new WecomXmlError('BAD_XML', `attributes must be separated by spaces near offset ${at + i}`);
  }
  return attributes;
}

/**
 * Parses `text` into its root element, or throws `WecomXmlError`.
 * @example
 * const root = parseXml('<xml><MsgId>1</MsgId><L><Item>a</Item><Item>b</Item></L></xml>');
 * childText(root, 'MsgId'); // '1'
 * childrenNamed(child(root, 'L'), 'Item').map((e) => e.text); // ['a', 'b']
 */
export function parseXml(text: string, options: TParseXmlOptions = {}): TXmlElement {
  const maxBytes = options.maxBytes ?? XML_LIMITS.maxBytes;
  const maxDepth = options.maxDepth ?? XML_LIMITS.maxDepth;
  const maxElements = options.maxElements ?? XML_LIMITS.maxElements;
  // A string of n UTF-16 units is at least n UTF-8 bytes: cheap check first.
  if (text.length > maxBytes || Buffer.byteLength(text, 'utf8') > maxBytes)
    throw new WecomXmlError('TOO_LARGE', `more than ${maxBytes} bytes`);
  for (let k = 0; k < text.length; k++) {
    if (isForbiddenXmlChar(text.charCodeAt(k))) throw new WecomXmlError('BAD_XML', `control character at offset ${k}`);
  }

  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  // One optional XML declaration, and only at the very start.
  if (text.startsWith('<?xml', i) && /[\s?]/.test(text[i + 5] ?? '')) {
    const end = text.indexOf('?>', i);
    if (end < 0) throw new WecomXmlError('BAD_XML', 'unterminated XML declaration');
    i = end + 2;
  }

  const stack: TXmlElement[] = [];
  let root: TXmlElement | null = null;
  let elements = 0;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const chunkEnd = lt < 0 ? text.length : lt;
    if (chunkEnd > i) {
      const raw = text.slice(i, chunkEnd);
      const parent = stack[stack.length - 1];
      if (parent) parent.text += decodeEntities(raw, i);
      else if (raw.trim() !== '') throw new WecomXmlError('BAD_XML', `text outside the root element at offset ${i}`);
      else if (raw.includes('&')) throw new WecomXmlError('BAD_XML', `text outside the root element at offset ${i}`);
    }
    if (lt < 0) break;
    i = lt;
    if (text.startsWith('<![CDATA[', i)) {
      const parent = stack[stack.length - 1];
      if (!parent) throw new WecomXmlError('BAD_XML', `CDATA outside the root element at offset ${i}`);
      const end = text.indexOf(']]>', i + 9);
      if (end < 0) throw new WecomXmlError('BAD_XML', `unterminated CDATA at offset ${i}`);
      parent.text += text.slice(i + 9, end);
      i = end + 3;
      continue;
    }
    if (text.startsWith('<!', i)) throw new WecomXmlError('FORBIDDEN_DTD', `"${text.slice(i, i + 10)}" at offset ${i}`);
    if (text.startsWith('<?', i))
      throw new WecomXmlError('FORBIDDEN_DTD', `processing instruction "${text.slice(i, i + 10)}" at offset ${i}`);
    const gt = text.indexOf('>', i);
    if (gt < 0) throw new WecomXmlError('BAD_XML', `unterminated tag at offset ${i}`);
    if (text[i + 1] === '/') {
      const name = text.slice(i + 2, gt).trim();
      const open = stack.pop();
      if (!open) throw new WecomXmlError('BAD_XML', `closing tag </${name.slice(0, 40)}> without an opening tag`);
      if (open.name !== name) throw new WecomXmlError('BAD_XML', `</${name.slice(0, 40)}> closes <${open.name}> at offset ${i}`);
      i = gt + 1;
      continue;
    }
    const selfClosing = text[gt - 1] === '/' && gt - 1 > i;
    const inner = text.slice(i + 1, selfClosing ? gt - 1 : gt);
    const nameEnd = inner.search(/\s/);
    const name = nameEnd < 0 ? inner : inner.slice(0, nameEnd);
    if (!NAME_RE.test(name)) throw new WecomXmlError('BAD_XML', `bad element name at offset ${i}`);
    if (root && stack.length === 0) throw new WecomXmlError('BAD_XML', `a second root element <${name}> at offset ${i}`);
    elements++;
    if (elements > maxElements) throw new WecomXmlError('TOO_LARGE', `more than ${maxElements} elements`);
    if (stack.length + 1 > maxDepth) throw new WecomXmlError('TOO_LARGE', `nested deeper than ${maxDepth}`);
    const element: TXmlElement = {
      name,
      attributes: nameEnd < 0 ? {} : parseAttributes(inner.slice(nameEnd), i + 1 + nameEnd),
      children: [],
      text: '',
    };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element);
    else root = element;
    if (!selfClosing) stack.push(element);
    i = gt + 1;
  }
  const open = stack[stack.length - 1];
  if (open) throw new WecomXmlError('BAD_XML', `<${open.name}> is never closed`);
  if (!root) throw new WecomXmlError('BAD_XML', 'no root element');
  return root;
}

/**
 * The first child element called `name`, or undefined.
 * @example
 * child(parseXml('<xml><A>1</A></xml>'), 'A')?.text; // '1'
 */
export function child(element: TXmlElement | undefined, name: string): TXmlElement | undefined {
  return element?.children.find((c) => c.name === name);
}

/**
 * Every child element called `name`, in document order (repeated children read as a list).
 * @example
 * childrenNamed(parseXml('<L><Item>a</Item><Item>b</Item></L>'), 'Item').map((e) => e.text); // ['a', 'b']
 */
export function childrenNamed(element: TXmlElement | undefined, name: string): TXmlElement[] {
  return element ? element.children.filter((c) => c.name === name) : [];
}

/**
 * The text of the first child element called `name`, or undefined.
 * @example
 * childText(parseXml('<xml><MsgId>7</MsgId></xml>'), 'MsgId'); // '7'
 */
export function childText(element: TXmlElement | undefined, name: string): string | undefined {
  return child(element, name)?.text;
}
