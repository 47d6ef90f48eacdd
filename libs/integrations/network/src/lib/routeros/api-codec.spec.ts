import { decodeLength, encodeLength, encodeSentence, SentenceReader } from './api-codec';

/** The length prefixes of help.mikrotik.com "API", checked byte for byte at every boundary. */
describe('RouterOS API word length encoding', () => {
  it.each([
    [0x00, [0x00]],
    [0x7f, [0x7f]],
    [0x80, [0x80, 0x80]],
    [0x3fff, [0xbf, 0xff]],
    [0x4000, [0xc0, 0x40, 0x00]],
    [0x1fffff, [0xdf, 0xff, 0xff]],
    [0x200000, [0xe0, 0x20, 0x00, 0x00]],
    [0xfffffff, [0xef, 0xff, 0xff, 0xff]],
    [0x10000000, [0xf0, 0x10, 0x00, 0x00, 0x00]],
  ])('length 0x%s is %j and decodes back', (length, bytes) => {
    expect([...encodeLength(length)]).toEqual(bytes);
    expect(decodeLength(Buffer.from(bytes))).toEqual({ length, size: bytes.length });
  });

  it('waits for a prefix that has not fully arrived and refuses a control byte', () => {
    expect(decodeLength(Buffer.from([0xc0, 0x40]))).toBeNull();
    expect(() => decodeLength(Buffer.from([0xf8]))).toThrow('invalid word length prefix 0xf8');
  });

  it('reads sentences however the stream is chunked, with words of 0x7f, 0x80, 0x3fff and 0x4000 bytes', () => {
    const long = (n: number) => '=comment=' + 'x'.repeat(n - '=comment='.length);
    const words = ['/ip/firewall/address-list/add', long(0x7f), long(0x80), long(0x3fff), long(0x4000), '.tag=7'];
    const wire = Buffer.concat([encodeSentence(words), encodeSentence(['/ppp/active/print'])]);
    for (const chunk of [1, 2, 3, 127, 128, 4096, wire.length]) {
      const reader = new SentenceReader();
      const sentences: string[][] = [];
      for (let offset = 0; offset < wire.length; offset += chunk) sentences.push(...reader.push(wire.subarray(offset, offset + chunk)));
      expect(sentences).toEqual([words, ['/ppp/active/print']]);
    }
  });
});
