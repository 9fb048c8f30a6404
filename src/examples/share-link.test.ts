import { describe, expect, it } from 'vitest';
import {
  decodeShareHash,
  encodeShareHash,
  isShareHash,
  maxCodeLength,
  maxPayloadLength,
} from './share-link';

describe('share links', () => {
  it('round-trips code, including non-ASCII text', async () => {
    const code =
      "const r = await fetch('https://api.example.com/users/42');\nconsole.log('héllo ✓', r.status);\n";
    const hash = await encodeShareHash('first-request-1', code);
    expect(isShareHash(hash)).toBe(true);
    expect(hash).toMatch(/^#share=first-request-1\.[A-Za-z0-9_-]+$/);
    expect(await decodeShareHash(hash)).toEqual({ ok: true, exampleId: 'first-request-1', code });
  });

  it('compresses repetitive code well below its size', async () => {
    const code = 'console.log("retrying");\n'.repeat(200);
    const hash = await encodeShareHash('x', code);
    expect(hash.length).toBeLessThan(code.length / 10);
  });

  it('refuses to encode code too long for a link, saying what to do', async () => {
    // Random characters barely compress, so 30,000 of them cannot fit in a link.
    const bytes = crypto.getRandomValues(new Uint8Array(30_000));
    const random = Array.from(bytes, (byte) => String.fromCharCode(33 + (byte % 90))).join('');
    await expect(encodeShareHash('x', random)).rejects.toThrow(/too long to share.*copy the code/);
  });

  it('reports a damaged payload without throwing, and keeps the example id', async () => {
    const hash = await encodeShareHash('timeouts-2', 'console.log(1)');
    const result = await decodeShareHash(hash.slice(0, -4) + 'A!!A');
    expect(result.ok).toBe(false);
    expect(result).toMatchObject({ exampleId: 'timeouts-2' });
    if (!result.ok) expect(result.message).toMatch(/damaged or incomplete.*lesson's own code/);
  });

  it('reports truncated data as damaged', async () => {
    const hash = await encodeShareHash(
      'a',
      'console.log("a fairly long line of code to compress");',
    );
    const result = await decodeShareHash(hash.slice(0, hash.length - 6));
    expect(result.ok).toBe(false);
  });

  it('rejects a hash that names no example', async () => {
    const result = await decodeShareHash('#share=garbage');
    expect(result).toMatchObject({ ok: false, exampleId: null });
  });

  it('rejects oversized links and decompression bombs', async () => {
    const long = `#share=a.${'A'.repeat(maxPayloadLength)}`;
    expect(await decodeShareHash(long)).toMatchObject({ ok: false });
    const bomb = await encodeShareHash('a', 'x').then(async () => {
      // 1 MB of one character compresses to a tiny payload that would expand past the limit.
      const stream = new Blob(['x'.repeat(maxCodeLength * 16)])
        .stream()
        .pipeThrough(new CompressionStream('deflate-raw'));
      const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
      return `#share=a.${btoa(String.fromCharCode(...bytes))
        .replace(/\+/g, '-')
        .replace(/\//g, '_')
        .replace(/=+$/, '')}`;
    });
    const result = await decodeShareHash(bomb);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/larger than 64 KiB/);
  });
});
