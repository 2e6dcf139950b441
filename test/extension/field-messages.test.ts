import { BAND_LABELS, CATEGORY_LABELS, STATUS_LABELS } from '@duhop/shared';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fieldMessage, localFields } from '../../extension/utils/i18n/field-messages.ts';
import { serverVi } from '../../extension/utils/i18n/server-vi.ts';
import { translator } from '../../extension/utils/i18n/translate.ts';
import { vi as viDict } from '../../extension/utils/i18n/vi.ts';

const root = join(import.meta.dirname, '../..');
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : e.name.endsWith('.ts')
        ? [readFileSync(join(dir, e.name), 'utf8')]
        : [],
  );
}

describe('server field messages in the interface language', () => {
  const en = translator('en');
  const vi = translator('vi');

  it('every known message is still one the API or the shared schemas write', () => {
    const text = [...sources(join(root, 'api/src')), ...sources(join(root, 'shared/src'))].join(
      '\n',
    );
    const gone = Object.values(serverVi).filter((m) => !text.includes(`'${m}'`));
    expect(gone).toEqual([]);
  });

  it('a known message is translated, an unknown one is shown as the server wrote it', () => {
    expect(fieldMessage(en, 'Chọn cơ quan nhận')).toBe('Choose the receiving body');
    expect(fieldMessage(en, 'Số phát biểu không được vượt quá số có mặt')).toBe(
      'Speakers cannot exceed the members present',
    );
    expect(fieldMessage(vi, 'Chọn cơ quan nhận')).toBe('Chọn cơ quan nhận');
    const named = 'Ngày họp 2026-03-05 phải chấm theo bộ tiêu chí "Bộ 2026" (bo-2026)';
    expect(fieldMessage(en, named)).toBe(named);
  });

  it('maps every message of a 422, keeping the field paths', () => {
    const fields = {
      'attendance.speakers': ['Số phát biểu không được vượt quá số có mặt'],
      'rows.3.username': ['Tên đăng nhập đã có người dùng', 'lạ'],
    };
    expect(localFields(en, fields)).toEqual({
      'attendance.speakers': ['Speakers cannot exceed the members present'],
      'rows.3.username': ['This username is already taken', 'lạ'],
    });
  });
});

describe('category, status and band names are written once', () => {
  it('the Vietnamese dictionary takes the shared labels the exports print', () => {
    for (const [k, v] of Object.entries(CATEGORY_LABELS))
      expect(viDict[`cat_${k}` as keyof typeof viDict]).toBe(v);
    for (const [k, v] of Object.entries(STATUS_LABELS))
      expect(viDict[`st_${k}` as keyof typeof viDict]).toBe(v);
    for (const [k, v] of Object.entries(BAND_LABELS))
      expect(viDict[`band_${k}` as keyof typeof viDict]).toBe(v);
  });

  it('English has its own words for each', () => {
    const en = translator('en');
    expect(en('cat_dat_dai')).toBe('Land');
    expect(en('st_returned')).toBe('Returned for clarification');
  });
});
