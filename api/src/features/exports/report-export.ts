import { eq } from 'drizzle-orm';
import {
  attendanceRate,
  BAND_LABELS,
  CATEGORY_LABELS,
  criteriaSetNote,
  durationMinutes,
  isApplicable,
  localDate,
  selfScoreDifference,
  speakersShare,
  STATUS_LABELS,
  toLocalIso,
  Uuid,
  vnDate,
  type MeetingType,
} from '@duhop/shared';
import type { AuthUser } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { criteriaSets, orgUnits, reports, users } from '../../db/schema.ts';
import { notFoundErrors } from '../../lib/errors.ts';
import { loadBodyContext } from '../org/body-scope.ts';
import { numberedSections, type DocBlock } from './docx.ts';
import { renderFile } from './render.ts';
import { attachmentName, CONTENT_TYPES, type ExportTable } from './tables.ts';
import { documentHeader, type ExportFile } from './synthesis-export.ts';
import { reportIssuesFor } from '../org/scope.ts';
import { residenceNames, unitNames } from '../reports/view.ts';

const MEETING_TYPES: Record<MeetingType, string> = {
  regular: 'Thường kỳ',
  topical: 'Chuyên đề',
  combined: 'Thường kỳ kết hợp chuyên đề',
};
const MEETING_FORMATS: Record<'in_person' | 'online' | 'combined', string> = {
  in_person: 'trực tiếp',
  online: 'trực tuyến',
  combined: 'kết hợp trực tiếp và trực tuyến',
};
const time = (d: Date) => toLocalIso(d).slice(11, 16);

/**
 * One stored report as a DOCX for the member's records, in the administrative layout of the
 * member's committee: meeting facts, attendance, points per criterion, suggestions and issues.
 * Visible to whoever may read the report (GET /api/reports/:id); 404 otherwise.
 */
export async function exportReportDocx(
  db: Db,
  user: AuthUser,
  id: string,
  now: Date,
): Promise<ExportFile> {
  if (!Uuid.safeParse(id).success) throw notFoundErrors.report();
  const [row] = await db
    .select({
      report: reports,
      cellName: orgUnits.name,
      authorName: users.displayName,
      authorUnit: users.orgUnitId,
      definition: criteriaSets.definition,
    })
    .from(reports)
    .innerJoin(orgUnits, eq(orgUnits.id, reports.cellId))
    .innerJoin(users, eq(users.id, reports.authorId))
    .innerJoin(criteriaSets, eq(criteriaSets.id, reports.criteriaSetId))
    .where(eq(reports.id, id));
  // Same issues as GET /api/reports/:id: a body never reads a sibling routed elsewhere.
  const issueRows = row ? await reportIssuesFor(db, user, row.report, now) : null;
  if (!row || !issueRows) throw notFoundErrors.report();
  const r = row.report;
  const set = row.definition;
  const bodyName = await unitNames(
    db,
    issueRows.map((i) => i.responsibleBodyId),
  );
  const ctx = await loadBodyContext(db, row.authorUnit);
  if (!ctx) throw notFoundErrors.report();

  const a = r.attendance as {
    total: number;
    exempted: number;
    present: number;
    absentWithReason: number;
    absentWithoutReason: number;
    speakers: number;
    absentWithoutReasonNames?: string[];
  };
  const residents = await residenceNames(db, r.residenceMemberIds ?? []);
  const scores = r.scores;
  const groupScores = r.groupScores;
  const marked = r.notApplicable;
  const type = r.meetingType;
  const minutes = durationMinutes(r.startedAt.toISOString(), r.endedAt.toISOString());
  const diff = selfScoreDifference(r.score, r.cellSelfScore);

  const tables: ExportTable[] = [
    {
      sheet: 'Thông tin',
      title: 'Thông tin buổi sinh hoạt',
      columns: [
        { header: 'Nội dung', width: 30 },
        { header: 'Chi tiết', width: 50 },
      ],
      rows: [
        ['Chi bộ', row.cellName],
        ['Ngày sinh hoạt', vnDate(r.meetingDate)],
        ['Hình thức', `${MEETING_TYPES[type] ?? type} (${MEETING_FORMATS[r.meetingFormat]})`],
        [
          'Thời gian',
          `Từ ${time(r.startedAt)} đến ${time(r.endedAt)}${minutes != null ? ` (${minutes} phút)` : ''}`,
        ],
        ['Cấp ủy viên dự', row.authorName],
        [
          'Thời điểm nộp báo cáo',
          `${time(r.submittedAt)} ngày ${vnDate(localDate(r.submittedAt))} (${r.onTime ? 'đúng hạn' : 'trễ hạn'})`,
        ],
      ],
    },
    {
      sheet: 'Số lượng',
      title: 'Số lượng đảng viên dự sinh hoạt',
      columns: [
        { header: 'Chỉ tiêu', width: 40 },
        { header: 'Số liệu', width: 20, kind: 'decimal' },
      ],
      rows: [
        ['Tổng số đảng viên', a.total],
        ['Được miễn sinh hoạt', a.exempted],
        ['Có mặt', a.present],
        ['Vắng có lý do', a.absentWithReason],
        ['Vắng không lý do', a.absentWithoutReason],
        ...(a.absentWithoutReasonNames?.length
          ? [['Họ tên vắng không lý do', a.absentWithoutReasonNames.join(', ')] as [string, string]]
          : []),
        ...(r.presentOnline != null
          ? [['Trong đó: dự trực tuyến', r.presentOnline] as [string, number]]
          : []),
        ...(r.presentResidence != null
          ? [
              ['Trong đó: đảng viên nơi cư trú (đảng viên 76)', r.presentResidence] as [
                string,
                number,
              ],
            ]
          : []),
        ...(residents.length
          ? [
              [
                'Họ tên đảng viên nơi cư trú có mặt',
                residents.map((m) => m.fullName).join(', '),
              ] as [string, string],
            ]
          : []),
        ...(r.awayForWork != null
          ? [['Vắng, miễn sinh hoạt do đi làm ăn xa', r.awayForWork] as [string, number]]
          : []),
        ['Tỷ lệ dự sinh hoạt (%)', attendanceRate(a)],
        ['Số đảng viên phát biểu', a.speakers],
        ['Tỷ lệ phát biểu trên số có mặt (%)', speakersShare(a)],
      ],
    },
    {
      sheet: 'Chấm điểm',
      title: `Chấm điểm chất lượng sinh hoạt theo ${criteriaSetNote(set)}`,
      columns: [
        { header: 'Tiêu chí', width: 60 },
        { header: 'Điểm tối đa', width: 12, kind: 'decimal' },
        { header: 'Điểm đạt', width: 12, kind: 'decimal' },
      ],
      rows: [
        ...set.groups.flatMap((g, gi) => [
          [`${gi + 1}. ${g.title}`, g.maxPoints, groupScores[g.id] ?? null],
          // Items by their text and their place in the group ("1.2."), never their ids.
          // Not applicable (to the meeting type, or marked by hand: with the reason given) as
          // before: no points of its own, the group's total counts it per `whenNotApplicable`.
          ...g.items.map((item, ii) => {
            const applies = isApplicable(item, type, marked);
            const reason = applies ? '' : marked[item.id]?.trim();
            return [
              `    ${gi + 1}.${ii + 1}. ${item.title}${applies ? '' : ` (không áp dụng${reason ? `: ${reason}` : ''})`}`,
              item.maxPoints,
              applies ? (scores[item.id] ?? null) : null,
            ];
          }),
        ]),
        ['Tổng điểm (cấp ủy viên chấm)', 100, r.score],
        ['Xếp loại', null, BAND_LABELS[r.band as keyof typeof BAND_LABELS] ?? r.band],
        ['Điểm chi bộ tự chấm', null, r.cellSelfScore],
        ['Chênh lệch (tự chấm − cấp ủy viên chấm)', null, diff],
      ],
    },
  ];
  const issueTable: ExportTable = {
    sheet: 'Kiến nghị',
    title: 'Kiến nghị, đề xuất của chi bộ',
    columns: [
      { header: 'STT', width: 6, kind: 'int' },
      { header: 'Nội dung', width: 44 },
      { header: 'Lĩnh vực', width: 16 },
      { header: 'Cơ quan chịu trách nhiệm', width: 24 },
      { header: 'Tình trạng', width: 14 },
      { header: 'Hạn xử lý', width: 12 },
    ],
    rows: issueRows.map((i, idx) => [
      idx + 1,
      i.detail ? `${i.title}: ${i.detail}` : i.title,
      CATEGORY_LABELS[i.category] ?? i.category,
      bodyName.get(i.responsibleBodyId) ?? '',
      STATUS_LABELS[i.status] ?? i.status,
      vnDate(localDate(i.dueAt)),
    ]),
    empty: 'Chi bộ không có kiến nghị, đề xuất.',
  };

  // Each answered issue: who answered, the answer, and the document it was answered by.
  const answered = issueRows
    .map((i, idx) => ({ i, idx }))
    .filter(({ i }) => i.answer?.trim() || i.documentNo?.trim());
  const answerLines = answered.flatMap(({ i, idx }) => [
    {
      text: `Kiến nghị ${idx + 1} (${i.title}) — ${STATUS_LABELS[i.status] ?? i.status}, ${bodyName.get(i.responsibleBodyId) ?? 'cơ quan chịu trách nhiệm'} trả lời${i.documentNo?.trim() ? ` tại văn bản số ${i.documentNo.trim()}` : ''}:`,
      bold: true,
      before: 120,
      keepNext: true,
    },
    ...(i.answer?.trim() ? i.answer.trim().split(/\r?\n/) : ['(Không có nội dung trả lời.)'])
      .filter((l) => l.trim())
      .map((text) => ({ text, align: 'both' as const, indent: 720 })),
  ]);

  const suggestions = r.suggestions.trim()
    ? r.suggestions.split(/\r?\n/).filter((l) => l.trim())
    : ['Không có.'];
  const blocks: DocBlock[] = [
    { kind: 'header', header: documentHeader(ctx, r.submittedAt) },
    {
      kind: 'lines',
      lines: [
        { text: 'BÁO CÁO', bold: true, align: 'center', size: 30, before: 360 },
        {
          text: `Kết quả dự sinh hoạt ${row.cellName} ngày ${vnDate(r.meetingDate)}`,
          bold: true,
          align: 'center',
          size: 28,
          after: 240,
        },
      ],
    },
    ...numberedSections(tables),
    {
      kind: 'lines',
      lines: [
        {
          text: `${tables.length + 1}. Góp ý với chi bộ`,
          bold: true,
          before: 240,
          after: 120,
          keepNext: true,
        },
        ...suggestions.map((text) => ({ text, align: 'both' as const })),
      ],
    },
    ...numberedSections([issueTable], tables.length + 2),
    ...(answerLines.length
      ? [
          {
            kind: 'lines' as const,
            lines: [
              {
                text: `${tables.length + 3}. Kết quả trả lời kiến nghị, đề xuất`,
                bold: true,
                before: 240,
                after: 120,
                keepNext: true,
              },
              ...answerLines,
            ],
          },
        ]
      : []),
    // The member signs in their own name; no recipients: the report is for the member's records.
    {
      kind: 'closing',
      recipients: [],
      signature: { title: 'NGƯỜI BÁO CÁO', name: row.authorName },
    },
  ];
  return {
    body: await renderFile({
      kind: 'docx',
      spec: { title: `Báo cáo dự sinh hoạt ${row.cellName} ${vnDate(r.meetingDate)}`, blocks },
    }),
    contentType: CONTENT_TYPES.docx,
    filename: attachmentName(`bao-cao-du-sinh-hoat-${r.cellId}-${r.meetingDate}`, 'docx'),
  };
}
