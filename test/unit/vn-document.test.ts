import { describe, expect, it } from 'vitest';
import {
  issuerLines,
  parseDayInput,
  partyOrganisationOf,
  placeOf,
  signatureTitle,
  vnDate,
  vnDateLine,
  vnMonth,
} from '@duhop/shared';

const province = { name: 'Tỉnh ủy Nghệ An', kind: 'province' };
const commune = { name: 'Đảng ủy xã Hưng Nguyên', kind: 'commune' };

describe('Vietnamese administrative layout', () => {
  it('names the issuing body as the Party rules write it', () => {
    expect(issuerLines(commune, province, province)).toEqual([
      'ĐẢNG BỘ TỈNH NGHỆ AN',
      'ĐẢNG ỦY XÃ HƯNG NGUYÊN',
    ]);
    expect(issuerLines(province, null, province)).toEqual(['TỈNH ỦY NGHỆ AN']);
    expect(
      issuerLines({ name: 'Ban Nội chính Tỉnh ủy', kind: 'province_board' }, province, province),
    ).toEqual(['TỈNH ỦY NGHỆ AN', 'BAN NỘI CHÍNH']);
    expect(
      issuerLines({ name: 'Đảng ủy phường Trường Vinh', kind: 'commune' }, province, province),
    ).toEqual(['ĐẢNG BỘ TỈNH NGHỆ AN', 'ĐẢNG ỦY PHƯỜNG TRƯỜNG VINH']);
    expect(partyOrganisationOf({ name: 'Thành ủy Hà Nội', kind: 'province' })).toBe(
      'ĐẢNG BỘ THÀNH PHỐ HÀ NỘI',
    );
  });

  it.each([
    ['Đảng ủy xã Hưng Nguyên', 'Hưng Nguyên'],
    ['Đảng ủy phường Trường Vinh', 'Trường Vinh'],
    ['Tỉnh ủy Nghệ An', 'Nghệ An'],
    ['Huyện ủy Diễn Châu', 'Diễn Châu'],
    ['Chi bộ xóm 1', 'Chi bộ xóm 1'],
  ])('placeOf(%s) = %s', (name, place) => {
    expect(placeOf({ name, kind: 'commune' })).toBe(place);
  });

  it('writes the date line with leading zeros for days below 10 and months 1 and 2', () => {
    expect(vnDateLine('Hưng Nguyên', '2026-11-26')).toBe('Hưng Nguyên, ngày 26 tháng 11 năm 2026');
    expect(vnDateLine('Hưng Nguyên', '2027-01-05')).toBe('Hưng Nguyên, ngày 05 tháng 01 năm 2027');
    expect(vnDateLine('Nghệ An', '2026-03-09')).toBe('Nghệ An, ngày 09 tháng 3 năm 2026');
    expect(vnMonth('2026-11')).toBe('tháng 11 năm 2026');
    expect(vnDate('2026-11-03')).toBe('03/11/2026');
    expect(vnDate(null)).toBe('');
    expect(signatureTitle('commune')).toBe('T/M ĐẢNG ỦY');
  });

  it.each([
    ['2025-07-01', '2025-07-01'],
    ['1/7/2025', '2025-07-01'],
    ['01/07/2025', '2025-07-01'],
    ['01-07-2025', '2025-07-01'],
    [' 31.12.2026 ', '2026-12-31'],
    ['31/02/2026', null],
    ['2026-02-30', null],
    ['07/2025', null],
    ['', null],
  ])('parseDayInput(%j) = %j', (input, out) => {
    expect(parseDayInput(input)).toBe(out);
  });
});
