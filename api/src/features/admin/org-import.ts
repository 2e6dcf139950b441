import {
  Slug,
  vnDate,
  type CellType,
  type ImportError,
  type OrgImportResult,
  type OrgUnitKind,
} from '@duhop/shared';
import type { AuthUser, Deps } from '../../context.ts';
import { orgUnits } from '../../db/schema.ts';
import { writeAudit } from './audit.ts';
import { csvTable, importFailed, lookupLabel, parseImportDate, type CsvColumn } from './csv.ts';
import { parentProblem } from './org.ts';
import { asDb, loadUnits, unitProvince } from './scope.ts';

type Key = 'id' | 'name' | 'kind' | 'parentId' | 'validFrom' | 'cellType' | 'meetingDay';

/** `Mã,Tên,Loại,Mã đơn vị cấp trên,Hiệu lực từ` (+ optional `Loại chi bộ`, `Ngày sinh hoạt`). */
export const ORG_COLUMNS: readonly CsvColumn<Key>[] = [
  { key: 'id', headers: ['Mã', 'Mã đơn vị', 'id'], required: true },
  { key: 'name', headers: ['Tên', 'Tên đơn vị', 'name'], required: true },
  { key: 'kind', headers: ['Loại', 'Loại đơn vị', 'kind'], required: true },
  {
    key: 'parentId',
    headers: ['Mã đơn vị cấp trên', 'Đơn vị cấp trên', 'parentId'],
    required: true,
  },
  { key: 'validFrom', headers: ['Hiệu lực từ', 'Ngày hiệu lực', 'validFrom'], required: true },
  { key: 'cellType', headers: ['Loại chi bộ', 'cellType'] },
  { key: 'meetingDay', headers: ['Ngày sinh hoạt', 'meetingDay'] },
];

const KIND_LABELS: Record<OrgUnitKind, readonly string[]> = {
  province: ['tỉnh ủy', 'thành ủy', 'tỉnh', 'thành phố'],
  province_board: [
    'ban',
    'ban tỉnh ủy',
    'ban thành ủy',
    'văn phòng tỉnh ủy',
    'ủy ban kiểm tra',
    'ủy ban kiểm tra tỉnh ủy',
  ],
  party_committee: ['đảng ủy trực thuộc', 'đảng ủy trực thuộc tỉnh ủy'],
  people_committee: ['ubnd', 'ủy ban nhân dân'],
  department: ['sở', 'phòng', 'sở, ngành', 'phòng chuyên môn'],
  district: ['huyện ủy', 'huyện', 'thị ủy', 'quận ủy'],
  commune: [
    'đảng ủy xã',
    'đảng ủy phường',
    'đảng ủy đặc khu',
    'xã',
    'phường',
    'đặc khu',
    'đảng ủy cơ sở',
  ],
  commune_board: ['ban đảng ủy xã', 'ban đảng ủy', 'văn phòng đảng ủy', 'ban xây dựng đảng'],
  cell: ['chi bộ'],
};

const CELL_TYPE_LABELS: Record<CellType, readonly string[]> = {
  village: ['thôn', 'xóm', 'bản', 'làng', 'ấp', 'thôn, xóm'],
  residential_group: ['tổ dân phố', 'khối', 'khu phố', 'khối phố'],
  school: ['trường học', 'trường'],
  agency: ['cơ quan'],
  enterprise: ['doanh nghiệp'],
  other: ['khác'],
};

type Row = OrgImportResult['items'][number];

/**
 * Imports a province's units from CSV. Parents may be earlier or later in the file or already in
 * the database; a row of kind province without parent starts a new province. Checked before
 * anything is written: unique new ids, known kinds, parents that exist, are open and are not
 * cells, no cycle, and no child valid before its parent. One bad row → 422, nothing imported.
 */
export async function importOrgUnits(
  deps: Deps,
  actor: AuthUser,
  text: string,
  dryRun: boolean,
): Promise<OrgImportResult> {
  const { db } = deps;
  const rows = csvTable(text, ORG_COLUMNS);
  const errors: ImportError[] = [];
  const err = (row: number, field: string, message: string) => errors.push({ row, field, message });
  const existing = await loadUnits(
    db,
    rows.flatMap((r) => [r.values.id, r.values.parentId].filter(Boolean)),
  );

  const items: Row[] = [];
  const firstRow = new Map<string, number>();
  for (const { row, values: v } of rows) {
    const id = Slug.safeParse(v.id);
    let idOk = false;
    if (!id.success)
      err(
        row,
        'id',
        v.id ? `Mã "${v.id}" không hợp lệ (chữ không dấu, số, . _ -)` : 'Thiếu mã đơn vị',
      );
    else if (existing.has(v.id)) err(row, 'id', `Mã "${v.id}" đã có trong hệ thống`);
    else if (firstRow.has(v.id))
      err(row, 'id', `Mã "${v.id}" trùng với dòng ${firstRow.get(v.id)}`);
    else {
      firstRow.set(v.id, row);
      idOk = true;
    }
    if (!v.name) err(row, 'name', 'Thiếu tên đơn vị');
    const kind = lookupLabel(v.kind, KIND_LABELS);
    if (!kind)
      err(
        row,
        'kind',
        `Loại "${v.kind}" không hợp lệ (ví dụ: Tỉnh ủy, Ban, Sở, Đảng ủy xã, Chi bộ)`,
      );
    const validFrom = parseImportDate(v.validFrom);
    if (!validFrom)
      err(row, 'validFrom', `Ngày "${v.validFrom}" không hợp lệ (YYYY-MM-DD hoặc DD/MM/YYYY)`);
    if (kind === 'province' && v.parentId)
      err(row, 'parentId', 'Tỉnh (thành) ủy không có đơn vị cấp trên');
    if (kind && kind !== 'province' && !v.parentId)
      err(row, 'parentId', 'Thiếu mã đơn vị cấp trên');
    const cellType = v.cellType ? lookupLabel(v.cellType, CELL_TYPE_LABELS) : null;
    if (v.cellType && !cellType)
      err(
        row,
        'cellType',
        `Loại chi bộ "${v.cellType}" không hợp lệ (thôn/xóm, tổ dân phố, trường học, cơ quan, doanh nghiệp, khác)`,
      );
    const day = v.meetingDay ? Number(v.meetingDay) : null;
    if (day !== null && !(Number.isInteger(day) && day >= 1 && day <= 31))
      err(row, 'meetingDay', 'Ngày sinh hoạt phải từ 1 đến 31');
    if (kind !== 'cell' && (v.cellType || v.meetingDay))
      err(row, 'cellType', 'Chỉ chi bộ mới có loại chi bộ và ngày sinh hoạt');
    if (idOk && kind && validFrom && v.name) {
      items.push({
        row,
        id: v.id,
        name: v.name,
        kind,
        parentId: v.parentId || null,
        validFrom,
        cellType: kind === 'cell' ? (cellType ?? 'other') : null,
        meetingDay: kind === 'cell' ? (day ?? 3) : null,
      });
    }
  }

  // Parents: in the file or in the database, never a cell, never valid after the child; no cycles.
  const inFile = new Map(items.map((i) => [i.id, i]));
  const provinceOf = new Map<string, string>();
  for (const item of items) {
    if (!item.parentId) continue;
    const fileParent = inFile.get(item.parentId);
    if (fileParent) {
      if (fileParent.kind === 'cell') err(item.row, 'parentId', 'Chi bộ không có đơn vị cấp dưới');
      else if (fileParent.validFrom > item.validFrom)
        err(
          item.row,
          'validFrom',
          `Đơn vị cấp trên (dòng ${fileParent.row}) chỉ có hiệu lực từ ${vnDate(fileParent.validFrom)}`,
        );
      continue;
    }
    if (!firstRow.has(item.parentId) || existing.has(item.parentId)) {
      const problem = parentProblem(existing.get(item.parentId), item.validFrom);
      if (problem)
        err(
          item.row,
          problem.startsWith('Đơn vị cấp trên chỉ') ? 'validFrom' : 'parentId',
          problem,
        );
    }
  }
  for (const item of items) {
    const seen = new Set<string>();
    let cur: Row | undefined = item;
    while (cur?.parentId && inFile.has(cur.parentId) && !seen.has(cur.id)) {
      seen.add(cur.id);
      cur = inFile.get(cur.parentId);
    }
    if (cur && seen.has(cur.id)) err(item.row, 'parentId', 'Các đơn vị cấp trên tạo thành vòng');
    else if (cur)
      provinceOf.set(
        item.id,
        cur.parentId
          ? unitProvince(existing.get(cur.parentId) ?? { id: cur.parentId, provinceId: null })
          : cur.id,
      );
  }

  errors.sort((a, b) => a.row - b.row);
  if (dryRun)
    return {
      dryRun: true,
      ok: errors.length === 0,
      count: errors.length ? 0 : items.length,
      items,
      errors,
    };
  if (errors.length) throw importFailed(errors);
  const now = deps.now();
  const values = items.map(({ row: _row, ...i }) => ({
    ...i,
    provinceId: i.kind === 'province' ? null : provinceOf.get(i.id)!,
    createdAt: now,
  }));
  await db.transaction(async (tx) => {
    // parent_id has no foreign key, so the order of the rows does not matter.
    for (let i = 0; i < values.length; i += 500)
      await tx.insert(orgUnits).values(values.slice(i, i + 500));
    await writeAudit(asDb(tx), {
      actorId: actor.id,
      at: now,
      action: 'org_unit.import',
      entity: 'org_unit',
      data: { count: values.length, ids: values.map((v) => v.id) },
    });
  });
  return { dryRun: false, ok: true, count: items.length, items, errors: [] };
}
