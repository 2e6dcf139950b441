import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IssueStatus } from '@duhop/shared';
import { describe, expect, it } from 'vitest';
import { STATUS_ORDER } from '../../extension/components/synthesis/labels.ts';
import { formatNumber } from '../../extension/utils/format.ts';
import { translator } from '../../extension/utils/i18n/translate.ts';

// The synthesis charts (issue 15): a colour per issue status, titled axes, Vietnamese numbers.
const css = readFileSync(
  join(import.meta.dirname, '../../extension/components/synthesis/synthesis.css'),
  'utf8',
);
const fillOf = (cls: string) =>
  new RegExp(`\\.${cls}\\s*\\{[^}]*fill:\\s*(#[0-9a-f]{3,6})`, 'i').exec(css)?.[1]?.toLowerCase();

describe('synthesis chart style', () => {
  it('gives every issue status its own class and its own colour', () => {
    expect(STATUS_ORDER.map((s) => s.status).sort()).toEqual([...IssueStatus.options].sort());
    const fills = STATUS_ORDER.map((s) => fillOf(s.cls));
    expect(fills.every(Boolean)).toBe(true);
    expect(new Set(fills).size).toBe(STATUS_ORDER.length);
  });

  it('titles the axes in both languages', () => {
    const vi = translator('vi');
    expect(
      (
        ['sy_axisReports', 'sy_axisIssues', 'sy_axisScore', 'sy_axisMonth', 'sy_axisShare'] as const
      ).map((k) => vi(k)),
    ).toEqual([
      'Số báo cáo',
      'Số kiến nghị',
      'Điểm bình quân (0–100)',
      'Tháng',
      '% so với điểm tối đa',
    ]);
    expect(translator('en')('sy_axisIssues')).toBe('Issues');
  });

  it('prints counts in the Vietnamese format', () => {
    expect(formatNumber(1234, 'vi')).toBe('1.234');
    expect(formatNumber(12.5, 'vi')).toBe('12,5');
  });
});
