import type { CellType, OrgUnitKind, Role } from '@duhop/shared';

/** The demo province: Nghệ An after the July 2025 reorganisation (no district level). */
export const DEMO_PROVINCE_ID = 'na-tu';
const FROM = '2025-07-01';

type Unit = {
  id: string;
  name: string;
  kind: OrgUnitKind;
  parentId: string | null;
  cellType?: CellType;
  meetingDay?: number;
};

const commune = (
  id: string,
  name: string,
  ward: boolean,
  cells: [string, string, CellType][],
): Unit[] => [
  {
    id,
    name: `Đảng ủy ${ward ? 'phường' : 'xã'} ${name}`,
    kind: 'commune',
    parentId: DEMO_PROVINCE_ID,
  },
  {
    id: `${id}-vp`,
    name: `Văn phòng Đảng ủy ${ward ? 'phường' : 'xã'} ${name}`,
    kind: 'commune_board',
    parentId: id,
  },
  {
    id: `${id}-xdd`,
    name: `Ban Xây dựng Đảng Đảng ủy ${ward ? 'phường' : 'xã'} ${name}`,
    kind: 'commune_board',
    parentId: id,
  },
  {
    id: `${id}-ubnd`,
    name: `UBND ${ward ? 'phường' : 'xã'} ${name}`,
    kind: 'people_committee',
    parentId: id,
  },
  {
    id: `${id}-vp-ubnd`,
    name: `Văn phòng HĐND – UBND ${ward ? 'phường' : 'xã'} ${name}`,
    kind: 'department',
    parentId: `${id}-ubnd`,
  },
  {
    id: `${id}-kt`,
    name: ward ? `Phòng Kinh tế, Hạ tầng và Đô thị phường ${name}` : `Phòng Kinh tế xã ${name}`,
    kind: 'department',
    parentId: `${id}-ubnd`,
  },
  {
    id: `${id}-vhxh`,
    name: `Phòng Văn hóa – Xã hội ${ward ? 'phường' : 'xã'} ${name}`,
    kind: 'department',
    parentId: `${id}-ubnd`,
  },
  ...cells.map(([cid, cname, cellType]) => ({
    id: cid,
    name: `Chi bộ ${cname}`,
    kind: 'cell' as const,
    parentId: id,
    cellType,
    meetingDay: 3,
  })),
];

export const DEMO_UNITS: (Unit & { validFrom: string })[] = (
  [
    { id: DEMO_PROVINCE_ID, name: 'Tỉnh ủy Nghệ An', kind: 'province', parentId: null },
    { id: 'na-vp', name: 'Văn phòng Tỉnh ủy', kind: 'province_board', parentId: DEMO_PROVINCE_ID },
    {
      id: 'na-btc',
      name: 'Ban Tổ chức Tỉnh ủy',
      kind: 'province_board',
      parentId: DEMO_PROVINCE_ID,
    },
    {
      id: 'na-ubkt',
      name: 'Ủy ban Kiểm tra Tỉnh ủy',
      kind: 'province_board',
      parentId: DEMO_PROVINCE_ID,
    },
    {
      id: 'na-btgdv',
      name: 'Ban Tuyên giáo và Dân vận Tỉnh ủy',
      kind: 'province_board',
      parentId: DEMO_PROVINCE_ID,
    },
    {
      id: 'na-bnc',
      name: 'Ban Nội chính Tỉnh ủy',
      kind: 'province_board',
      parentId: DEMO_PROVINCE_ID,
    },
    {
      id: 'na-du-ubnd',
      name: 'Đảng ủy UBND tỉnh',
      kind: 'party_committee',
      parentId: DEMO_PROVINCE_ID,
    },
    {
      id: 'na-du-ca',
      name: 'Đảng ủy Công an tỉnh',
      kind: 'party_committee',
      parentId: DEMO_PROVINCE_ID,
    },
    {
      id: 'na-ubnd',
      name: 'UBND tỉnh Nghệ An',
      kind: 'people_committee',
      parentId: DEMO_PROVINCE_ID,
    },
    { id: 'na-sxd', name: 'Sở Xây dựng', kind: 'department', parentId: 'na-ubnd' },
    {
      id: 'na-snnmt',
      name: 'Sở Nông nghiệp và Môi trường',
      kind: 'department',
      parentId: 'na-ubnd',
    },
    { id: 'na-syt', name: 'Sở Y tế', kind: 'department', parentId: 'na-ubnd' },
    { id: 'na-sgddt', name: 'Sở Giáo dục và Đào tạo', kind: 'department', parentId: 'na-ubnd' },
    { id: 'na-stc', name: 'Sở Tài chính', kind: 'department', parentId: 'na-ubnd' },
    { id: 'na-sni', name: 'Sở Nội vụ', kind: 'department', parentId: 'na-ubnd' },
    ...commune('hung-nguyen', 'Hưng Nguyên', false, [
      ['hn-xom-1', 'xóm 1', 'village'],
      ['hn-xom-2', 'xóm 2', 'village'],
      ['hn-yen-ho', 'xóm Yên Hồ', 'village'],
      ['hn-th', 'Trường Tiểu học Hưng Nguyên', 'school'],
    ]),
    ...commune('truong-vinh', 'Trường Vinh', true, [
      ['tv-yen-giang', 'khối Yên Giang', 'residential_group'],
      ['tv-trung-do', 'khối Trung Đô', 'residential_group'],
      ['tv-khoi-5', 'khối 5', 'residential_group'],
      ['tv-thcs-le-mao', 'Trường THCS Lê Mao', 'school'],
    ]),
    ...commune('dien-chau', 'Diễn Châu', false, [
      ['dc-bac-son', 'xóm Bắc Sơn', 'village'],
      ['dc-nam-linh', 'xóm Nam Lĩnh', 'village'],
      ['dc-thpt-2', 'Trường THPT Diễn Châu 2', 'school'],
    ]),
  ] as Unit[]
).map((u) => ({ ...u, validFrom: FROM }));

export const DEMO_PASSWORD = 'demo1234';

type DemoUser = {
  username: string;
  displayName: string;
  role: Role;
  /** Further roles of the same account (besides `role`). */
  alsoRoles?: Role[];
  orgUnitId: string;
  cells?: string[];
};

export const DEMO_USERS: DemoUser[] = [
  {
    username: 'observer',
    displayName: 'Nguyễn Văn An',
    role: 'observer',
    orgUnitId: 'hung-nguyen',
    cells: ['hn-xom-1', 'hn-xom-2', 'hn-th'],
  },
  { username: 'commune', displayName: 'Trần Thị Bình', role: 'staff', orgUnitId: 'hung-nguyen' },
  { username: 'province', displayName: 'Lê Văn Cường', role: 'staff', orgUnitId: 'na-bnc' },
  { username: 'admin', displayName: 'Phạm Thị Dung', role: 'admin', orgUnitId: DEMO_PROVINCE_ID },
  {
    username: 'observer2',
    displayName: 'Hoàng Văn Minh',
    role: 'observer',
    orgUnitId: 'hung-nguyen',
    cells: ['hn-yen-ho'],
  },
  {
    username: 'observer3',
    displayName: 'Võ Thị Hoa',
    role: 'observer',
    orgUnitId: 'truong-vinh',
    cells: ['tv-yen-giang', 'tv-trung-do', 'tv-khoi-5', 'tv-thcs-le-mao'],
  },
  { username: 'commune2', displayName: 'Đặng Văn Hùng', role: 'staff', orgUnitId: 'truong-vinh' },
  // One account, two roles: the head of Diễn Châu's Party-building board attends two cells
  // (observer) and handles the commune committee's issues (staff).
  {
    username: 'truongban',
    displayName: 'Ngô Văn Tâm',
    role: 'observer',
    alsoRoles: ['staff'],
    orgUnitId: 'dien-chau',
    cells: ['dc-bac-son', 'dc-nam-linh'],
  },
];

/** Ordered routing rules of the demo province; what none matches goes to the cell's commune committee. */
export const DEMO_RULES = [
  {
    id: 'na-r1',
    position: 10,
    category: 'an_ninh_trat_tu',
    targetBodyId: 'na-bnc',
    deadlineProfile: 'normal',
  },
  {
    id: 'na-r2',
    position: 20,
    category: 'y_te',
    urgency: 'urgent',
    targetBodyId: 'na-syt',
    deadlineProfile: 'urgent',
  },
  {
    id: 'na-r3',
    position: 30,
    category: 'ha_tang_giao_thong',
    areaId: 'truong-vinh',
    targetBodyId: 'truong-vinh-kt',
    deadlineProfile: 'normal',
  },
  {
    id: 'na-r4',
    position: 40,
    category: 'xay_dung_dang',
    target: 'triage',
    deadlineProfile: 'normal',
  },
] as const;

/** The criteria templates the demo province adopted, and from when (the decision's own date). */
export const DEMO_ADOPTED_CRITERIA = [
  { criteriaSetId: 'nghe-an-08-2021', adoptedOn: '2021-09-15' },
] as const;

/**
 * Deadlines in working days and the reporting deadline. Both versions are local configuration:
 * from 10/12/2025 the numbers are borrowed from Nghệ An Quyết định 98/2025/QĐ-UBND (the People's
 * Committee's rules for voters' petitions, not a Party text: docs/domain.md); before it existed,
 * the demo uses the same numbers as its own provisional configuration. No text sets the 5-day
 * grace for meetings held on or after the 10th.
 */
const REPORTING_NOTES = {
  'reporting.dueBeforeDay':
    'Cấu hình địa phương: báo cáo trước ngày 10 hằng tháng theo nề nếp báo cáo tháng, không trích từ văn bản nào',
  'reporting.lateMeetingGraceDays':
    'Cấu hình địa phương: 5 ngày cho cuộc họp từ ngày 10 trở đi, không phải quy định của văn bản nào',
};
export const DEMO_PROVINCE_CONFIG = {
  settings: [
    {
      validFrom: FROM,
      source:
        'Cấu hình địa phương tạm tính của bản demo (trước khi có Quyết định 98/2025/QĐ-UBND; cùng thời hạn)',
      local: true,
      notes: REPORTING_NOTES,
      deadlines: { acknowledge: 3, answer: 20, urgent: 10, complex: 30, clarify: 5, sendBack: 3 },
      reporting: { dueBeforeDay: 10, lateMeetingGraceDays: 5 },
    },
    {
      validFrom: '2025-12-10',
      source:
        'Vận dụng Quyết định số 98/2025/QĐ-UBND ngày 25/11/2025 của UBND tỉnh Nghệ An (tiếp nhận, giải quyết kiến nghị cử tri; hiệu lực từ 10/12/2025) làm cấu hình địa phương cho kênh Đảng',
      local: true,
      notes: REPORTING_NOTES,
      deadlines: { acknowledge: 3, answer: 20, urgent: 10, complex: 30, clarify: 5, sendBack: 3 },
      reporting: { dueBeforeDay: 10, lateMeetingGraceDays: 5 },
    },
  ],
};

/**
 * Residence members ("đảng viên 76") of the demo cells: members working in provincial departments
 * (units of the graph) or in agencies and enterprises outside it (free text), with the cells'
 * assessments of 2025 (by the member assigned to the cell) and a few of 2026.
 */
export const DEMO_RESIDENCE_MEMBERS: {
  cellId: string;
  fullName: string;
  birthYear: number | null;
  workplaceUnitId?: string;
  workplaceName?: string;
  introducedOn: string;
  receivedOn: string | null;
  status?: 'active' | 'moved' | 'transferred' | 'left';
  statusOn?: string;
  /** Assessments: year, rating, reasons, by (username). */
  assessments?: [number, 'good' | 'not_good', string | null, string][];
}[] = [
  {
    cellId: 'hn-xom-1',
    fullName: 'Nguyễn Thị Lan',
    birthYear: 1982,
    workplaceUnitId: 'na-syt',
    introducedOn: '2024-03-12',
    receivedOn: '2024-03-20',
    assessments: [
      [2025, 'good', null, 'observer'],
      [2026, 'good', null, 'observer'],
    ],
  },
  {
    cellId: 'hn-xom-1',
    fullName: 'Phan Văn Đức',
    birthYear: 1976,
    workplaceName: 'Bệnh viện Hữu nghị Đa khoa Nghệ An',
    introducedOn: '2023-09-05',
    receivedOn: '2023-09-15',
    assessments: [[2025, 'good', null, 'observer']],
  },
  {
    cellId: 'hn-xom-1',
    fullName: 'Lê Thị Thu Hà',
    birthYear: 1990,
    workplaceName: 'Ngân hàng Nông nghiệp và Phát triển nông thôn chi nhánh Nam Nghệ An',
    introducedOn: '2025-02-18',
    receivedOn: '2025-03-01',
    assessments: [
      [
        2025,
        'not_good',
        'Ít tham gia sinh hoạt chi bộ nơi cư trú (2/12 kỳ), chưa tham gia phong trào của xóm',
        'observer',
      ],
    ],
  },
  {
    cellId: 'hn-xom-2',
    fullName: 'Trần Văn Hải',
    birthYear: 1985,
    workplaceUnitId: 'na-sxd',
    introducedOn: '2022-06-01',
    receivedOn: '2022-06-10',
    assessments: [[2025, 'good', null, 'observer']],
  },
  {
    cellId: 'hn-xom-2',
    fullName: 'Hồ Thị Mai',
    birthYear: 1979,
    workplaceUnitId: 'na-syt',
    introducedOn: '2021-04-02',
    receivedOn: '2021-04-12',
    status: 'moved',
    statusOn: '2026-05-15',
  },
  {
    cellId: 'hn-yen-ho',
    fullName: 'Đinh Văn Thắng',
    birthYear: 1988,
    workplaceName: 'Công ty Điện lực Nghệ An',
    introducedOn: '2024-10-07',
    receivedOn: null,
  },
  {
    cellId: 'hn-yen-ho',
    fullName: 'Cao Thị Hương',
    birthYear: 1992,
    workplaceUnitId: 'na-sgddt',
    introducedOn: '2023-01-09',
    receivedOn: '2023-01-16',
    assessments: [[2025, 'good', null, 'observer2']],
  },
  {
    cellId: 'tv-khoi-5',
    fullName: 'Võ Văn Bình',
    birthYear: 1980,
    workplaceUnitId: 'na-stc',
    introducedOn: '2022-08-22',
    receivedOn: '2022-09-01',
    assessments: [[2025, 'good', null, 'observer3']],
  },
  {
    cellId: 'tv-yen-giang',
    fullName: 'Nguyễn Hữu Tuấn',
    birthYear: 1975,
    workplaceName: 'Cục Thuế tỉnh Nghệ An',
    introducedOn: '2020-11-02',
    receivedOn: '2020-11-10',
    status: 'transferred',
    statusOn: '2025-12-20',
    assessments: [[2025, 'good', null, 'observer3']],
  },
  {
    cellId: 'dc-bac-son',
    fullName: 'Thái Thị Ngọc',
    birthYear: 1987,
    workplaceUnitId: 'na-snnmt',
    introducedOn: '2024-05-13',
    receivedOn: '2024-05-20',
    assessments: [[2025, 'good', null, 'truongban']],
  },
];
