import { describe, expect, it } from 'vitest';
import { normalizeForSearch } from '@duhop/shared';

describe('normalizeForSearch', () => {
  it.each([
    ['Đất đai', 'dat dai'],
    ['Đất Đai', 'dat dai'],
    ['  ĐẤT   ĐAI\t\n', 'dat dai'],
    ['Hạ tầng – giao thông', 'ha tang – giao thong'],
    ['Chính sách xã hội', 'chinh sach xa hoi'],
    ['Ðường làng (Ð U+00D0)', 'duong lang (d u+00d0)'],
    ['Nguyễn Thị Hương', 'nguyen thi huong'],
    // Precomposed (NFC) and decomposed (NFD) input fold to the same key.
    ['Tiếng Việt'.normalize('NFD'), 'tieng viet'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalizeForSearch(input)).toBe(expected);
  });

  it('lets "dat dai" match inside a folded text', () => {
    expect(
      normalizeForSearch('Kiến nghị về ĐẤT ĐAI ở thôn 3').includes(normalizeForSearch('dat dai')),
    ).toBe(true);
  });
});
