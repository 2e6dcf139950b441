import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, sha256 } from '../../api/src/lib/crypto.ts';

// Stored reports keep sha256(canonicalJson(input)) to tell a resend from a changed copy: these
// outputs must never change, whatever the implementation.
describe('canonicalJson', () => {
  it.each([
    [null, 'null'],
    [undefined, 'null'],
    ['Đất', '"Đất"'],
    [[undefined, 1, 'a'], '[null,1,"a"]'],
    [{ b: 1, a: undefined, c: [{ z: 0, y: null }] }, '{"b":1,"c":[{"y":null,"z":0}]}'],
    [
      { é: 1, Z: 2, a: 3, '10': 4, '9': 5, '\u{1F600}': 6, '\uFFFF': 7 },
      '{"10":4,"9":5,"Z":2,"a":3,"é":1,"\u{1F600}":6,"\uFFFF":7}',
    ],
    [{}, '{}'],
    [[], '[]'],
  ])('%j → %s', (value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it('sha256 is the hex digest of the UTF-8 bytes', () => {
    const text = '{"title":"Đường làng"}';
    expect(sha256(text)).toBe(createHash('sha256').update(text).digest('hex'));
  });
});
