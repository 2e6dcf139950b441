/**
 * Folds Vietnamese text for diacritics-insensitive search, so that "dat dai" finds "Đất đai".
 *
 * NFD splits letters from their tone and vowel marks, which are then dropped; đ/Đ has no
 * decomposition in Unicode and is mapped by hand (with Ð, U+00D0, which legacy input methods
 * sometimes produce instead of Đ). Whitespace runs collapse to one space.
 *
 * @example normalizeForSearch('  Đất   Đai ') // 'dat dai'
 */
export function normalizeForSearch(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐÐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
