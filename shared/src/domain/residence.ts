/**
 * Residence members ("đảng viên 76"): the checks between fields of a register entry and the
 * labels a person reads. Pure; used by the zod schema, the import and the PATCH on the server.
 */

type Status = 'active' | 'moved' | 'transferred' | 'left';
type Rating = 'good' | 'not_good';

export const RESIDENCE_STATUS_LABELS: Record<Status, string> = {
  active: 'Đang giữ mối liên hệ',
  moved: 'Chuyển nơi cư trú',
  transferred: 'Chuyển công tác',
  left: 'Thôi giữ mối liên hệ',
};

export const RESIDENCE_RATING_LABELS: Record<Rating, string> = {
  good: 'Hoàn thành tốt nhiệm vụ nơi cư trú',
  not_good: 'Chưa hoàn thành tốt nhiệm vụ nơi cư trú',
};

/**
 * Field → messages for a register entry as a whole: exactly one workplace (a unit or a name), the
 * day received not before the day introduced, a date for any status but active, and that date not
 * before the introduction. Empty when the entry can be stored.
 */
export function residenceMemberErrors(m: {
  workplaceUnitId?: string | null | undefined;
  workplaceName?: string | null | undefined;
  introducedOn: string;
  receivedOn?: string | null | undefined;
  status?: Status | undefined;
  statusOn?: string | null | undefined;
}): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const add = (f: string, msg: string) => {
    errors[f] ??= [];
    errors[f].push(msg);
  };
  const unit = !!m.workplaceUnitId;
  const name = !!m.workplaceName?.trim();
  if (!unit && !name) add('workplaceName', 'Nhập nơi công tác (đơn vị hoặc tên cơ quan)');
  if (unit && name) add('workplaceName', 'Chọn đơn vị hoặc nhập tên cơ quan, không cả hai');
  if (m.receivedOn && m.receivedOn < m.introducedOn)
    add('receivedOn', 'Ngày tiếp nhận không được trước ngày giới thiệu');
  const status = m.status ?? 'active';
  if (status !== 'active' && !m.statusOn) add('statusOn', 'Nhập ngày thay đổi trạng thái');
  if (m.statusOn && m.statusOn < m.introducedOn)
    add('statusOn', 'Ngày thay đổi không được trước ngày giới thiệu');
  return errors;
}

/**
 * Whether a member is on the cell's list during `year`: introduced by its end, and either still
 * active or changed status during the year (their year still gets an assessment).
 */
export function activeInYear(
  m: { introducedOn: string; status: Status; statusOn: string | null },
  year: number,
): boolean {
  if (m.introducedOn > `${year}-12-31`) return false;
  return m.status === 'active' || !m.statusOn || m.statusOn >= `${year}-01-01`;
}

/**
 * The number pattern of a letter (công văn) from the body's report pattern: "{n}-BC/ĐU" →
 * "{n}-CV/ĐU", "{n}/BC-UBND" → "{n}/CV-UBND"; a pattern without "BC" is used as it is.
 */
export function letterNumberPattern(reportPattern: string): string {
  return reportPattern.replace(/\bBC\b/, 'CV');
}

/** The key of a workplace organisation: `unit:<id>` for a unit of the graph, `name:<text>` otherwise. */
export function workplaceKey(m: { workplaceUnitId: string | null; workplaceName: string | null }) {
  return m.workplaceUnitId ? `unit:${m.workplaceUnitId}` : `name:${(m.workplaceName ?? '').trim()}`;
}
