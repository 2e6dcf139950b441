import {
  OrgIndex,
  routeIssue,
  type Category,
  type OrgUnit,
  type RoutingRule,
  type Urgency,
} from '@duhop/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEMO_RULES, DEMO_UNITS } from '../../api/src/db/seed-data.ts';
import { db, type DraftRecord } from '../../extension/utils/db.ts';
import { bodyGroups, filterBodyGroups, routingPreview } from '../../extension/utils/org-bodies.ts';
import {
  readReference,
  readRoutingRules,
  refreshReference,
} from '../../extension/utils/reference-data.ts';
import {
  attendanceConflict,
  blankDraft,
  computeFacts,
  itemState,
  unscoredItems,
} from '../../extension/utils/report/report-model.ts';
import { sentSummary } from '../../extension/utils/report/sent-summary.ts';
import { filledDraft, resultFor, SET, USER } from './helpers/fixtures.ts';

// Issue 15: the side panel tells the member the truth — where an issue goes (the province's real
// rules, or "the server will decide"), no figure from contradicting counts, no band before every
// item is scored, and after "Gửi báo cáo" where each issue went.

const TODAY = '2026-11-05';
const UNITS: OrgUnit[] = DEMO_UNITS.map((u) => ({ ...u, validTo: null }));
/** The demo province's rules as GET /api/routing-rules gives them. */
const RULES: RoutingRule[] = DEMO_RULES.map((r) => ({
  id: r.id,
  position: r.position,
  category: r.category,
  urgency: 'urgency' in r ? r.urgency : null,
  areaId: 'areaId' in r ? r.areaId : null,
  targetBodyId: 'targetBodyId' in r ? r.targetBodyId : null,
  target: 'target' in r ? r.target : null,
  deadlineProfile: r.deadlineProfile,
  active: true,
}));
const issue = (category: Category | null, urgency: Urgency = 'normal') => ({ category, urgency });

describe('the routing preview', () => {
  it('names the body the rules give: "An ninh trật tự", urgent, goes to Ban Nội chính, not the commune', () => {
    const p = routingPreview(UNITS, RULES, issue('an_ninh_trat_tu', 'urgent'), 'hn-xom-1', TODAY);
    expect(p).toMatchObject({
      kind: 'body',
      body: { id: 'na-bnc', name: 'Ban Nội chính Tỉnh ủy' },
    });
    // An area rule applies only under its area; what no rule places goes to the cell's commune.
    expect(
      routingPreview(UNITS, RULES, issue('ha_tang_giao_thong'), 'tv-yen-giang', TODAY),
    ).toMatchObject({ body: { id: 'truong-vinh-kt' } });
    expect(
      routingPreview(UNITS, RULES, issue('ha_tang_giao_thong'), 'hn-xom-1', TODAY),
    ).toMatchObject({ body: { id: 'hung-nguyen' } });
    expect(routingPreview(UNITS, RULES, issue('y_te', 'urgent'), 'hn-xom-1', TODAY)).toMatchObject({
      body: { id: 'na-syt' },
    });
  });

  it('agrees with the server for every category, urgency and demo cell', () => {
    const org = new OrgIndex(UNITS);
    const cells = UNITS.filter((u) => u.kind === 'cell');
    const categories: Category[] = [
      'an_ninh_trat_tu',
      'y_te',
      'ha_tang_giao_thong',
      'xay_dung_dang',
      'dat_dai',
      'khac',
    ];
    for (const cell of cells)
      for (const category of categories)
        for (const urgency of ['normal', 'urgent'] as const) {
          const server = routeIssue({ category, urgency, cellId: cell.id }, RULES, org, TODAY);
          const p = routingPreview(UNITS, RULES, issue(category, urgency), cell.id, TODAY);
          expect(p.kind === 'body' && p.body.id, `${cell.id} ${category} ${urgency}`).toBe(
            server.bodyId,
          );
        }
  });

  it('says the server will decide without cached rules, or for a cell the graph does not hold', () => {
    expect(routingPreview(UNITS, null, issue('an_ninh_trat_tu'), 'hn-xom-1', TODAY)).toEqual({
      kind: 'server',
    });
    expect(routingPreview([], RULES, issue('an_ninh_trat_tu'), 'hn-xom-1', TODAY)).toEqual({
      kind: 'server',
    });
    // No category yet: nothing can be matched.
    expect(routingPreview(UNITS, RULES, issue(null), 'hn-xom-1', TODAY)).toEqual({
      kind: 'category',
    });
  });
});

describe('the responsible-body picker', () => {
  it('offers the cell’s commune with its offices, then the provincial bodies; never other communes or a cell', () => {
    const groups = bodyGroups(UNITS, 'hn-xom-1', TODAY);
    expect(groups.map((g) => [g.level, g.headId])).toEqual([
      ['commune', 'hung-nguyen'],
      ['province', 'na-tu'],
    ]);
    const commune = groups[0]!.options.map((o) => o.id);
    expect(commune[0]).toBe('hung-nguyen');
    expect(new Set(commune)).toEqual(
      new Set([
        'hung-nguyen',
        'hung-nguyen-vp',
        'hung-nguyen-xdd',
        'hung-nguyen-ubnd',
        'hung-nguyen-vp-ubnd',
        'hung-nguyen-kt',
        'hung-nguyen-vhxh',
      ]),
    );
    const province = groups[1]!.options.map((o) => o.id);
    expect(province).toContain('na-bnc');
    expect(province).toContain('na-syt');
    expect(province).toHaveLength(15);
    const all = groups.flatMap((g) => g.options.map((o) => o.id));
    expect(all.some((id) => id.startsWith('truong-vinh') || id.startsWith('dien-chau'))).toBe(
      false,
    );
    expect(all.some((id) => UNITS.find((u) => u.id === id)?.kind === 'cell')).toBe(false);
    // Down from ~40 entries (every unit of the province and the cell itself).
    expect(all).toHaveLength(22);
    // Offices sit under their committee.
    expect(groups[0]!.options.find((o) => o.id === 'hung-nguyen-kt')?.depth).toBe(2);
  });

  it('adds the district level in a province that still has one, and leaves closed units out', () => {
    const u = (id: string, kind: OrgUnit['kind'], parentId: string | null, validTo?: string) =>
      ({
        id,
        name: id,
        kind,
        parentId,
        validFrom: '2020-01-01',
        validTo: validTo ?? null,
      }) as OrgUnit;
    const units = [
      u('p', 'province', null),
      u('p-board', 'province_board', 'p'),
      u('d', 'district', 'p'),
      u('d-board', 'commune_board', 'd'),
      u('d2', 'district', 'p'),
      u('c', 'commune', 'd'),
      u('c-vp', 'commune_board', 'c'),
      u('c-old', 'commune_board', 'c', '2025-06-30'),
      u('c2', 'commune', 'd'),
      u('c2-vp', 'commune_board', 'c2'),
      u('cell', 'cell', 'c'),
    ];
    const groups = bodyGroups(units, 'cell', TODAY);
    expect(groups.map((g) => [g.level, g.options.map((o) => o.id)])).toEqual([
      ['commune', ['c', 'c-vp']],
      ['district', ['d', 'd-board']],
      ['province', ['p', 'p-board']],
    ]);
  });

  it('finds a body by words without accents, and keeps the chosen one', () => {
    const groups = bodyGroups(UNITS, 'hn-xom-1', TODAY);
    const found = filterBodyGroups(groups, 'noi chinh');
    expect(found.flatMap((g) => g.options.map((o) => o.name))).toEqual(['Ban Nội chính Tỉnh ủy']);
    expect(filterBodyGroups(groups, 'không có đâu')).toEqual([]);
    const kept = filterBodyGroups(groups, 'noi chinh', 'hung-nguyen-kt');
    expect(kept.map((g) => g.level)).toEqual(['commune', 'province']);
    expect(filterBodyGroups(groups, '  ')).toEqual(groups);
  });
});

describe('the routing rules are cached with the reference data', () => {
  afterEach(async () => {
    vi.unstubAllGlobals();
    await db.delete();
    await db.open();
  });

  it('are null until fetched, then kept for offline use', async () => {
    expect(await readRoutingRules()).toBeNull();
    expect((await readReference()).routingRules).toBeNull();
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL) => {
        const url = String(input instanceof Request ? input.url : input);
        const body = url.includes('/api/routing-rules')
          ? { items: RULES }
          : url.includes('/api/me')
            ? { user: { id: USER, username: 'observer', role: 'observer' }, assignments: [] }
            : { items: [] };
        return new Response(JSON.stringify(body), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        });
      }),
    );
    await refreshReference();
    expect((await readRoutingRules())?.map((r) => r.id)).toEqual([
      'na-r1',
      'na-r2',
      'na-r3',
      'na-r4',
    ]);
    expect((await readReference()).routingRules).toHaveLength(4);
  });
});

describe('figures from contradicting counts', () => {
  const attendanceItem = SET.groups
    .flatMap((g) => g.items)
    .find((i) => i.measure === 'attendance')!;
  const speakersItem = SET.groups.flatMap((g) => g.items).find((i) => i.measure === 'speakers')!;
  const withCounts = (a: Partial<ReturnType<typeof filledDraft>['attendance']>) =>
    filledDraft({ attendance: { ...filledDraft().attendance, ...a } });

  it('23 present of 20: no rate, no "Đạt", no points proposed', () => {
    const d = withCounts({
      total: 20,
      exempted: 0,
      present: 23,
      absentWithReason: 0,
      absentWithoutReason: 0,
      speakers: 10,
    });
    const facts = computeFacts(d, SET);
    expect(facts).toMatchObject({
      attendanceConflict: true,
      attendanceRate: null,
      speakersShare: null,
      meetsHd12: false,
      absentWithoutReason: null,
    });
    expect(itemState(attendanceItem, d, facts).proposed).toBeNull();
    expect(itemState(speakersItem, d, facts).proposed).toBeNull();
  });

  it.each([
    ['exempted above the total', { total: 5, exempted: 6 }],
    ['the parts not adding up', { absentWithReason: 5 }],
    ['more speakers than present', { speakers: 27 }],
  ])('%s is a contradiction', (_, counts) => {
    const d = withCounts(counts);
    expect(attendanceConflict(d.attendance)).toBe(true);
    expect(computeFacts(d, SET).attendanceRate).toBeNull();
  });

  it('consistent or partly typed counts still give their figures and proposals', () => {
    const d = filledDraft();
    const facts = computeFacts(d, SET);
    expect(facts.attendanceConflict).toBe(false);
    expect(facts.attendanceRate).toBeCloseTo(89.66, 1);
    expect(itemState(attendanceItem, d, facts).proposed).toBe(1); // capped: one absent without reason
    const partial = withCounts({ absentWithReason: null, absentWithoutReason: null });
    expect(computeFacts(partial, SET).attendanceConflict).toBe(false);
  });
});

describe('no band before every item is scored', () => {
  it('counts the applicable items still without points', () => {
    const blank = blankDraft(
      { cellId: 'hn-xom-1', cellName: 'Chi bộ xóm 1', meetingDay: 3 },
      TODAY,
    );
    const items = SET.groups
      .flatMap((g) => g.items)
      .filter((i) => !i.appliesTo || i.appliesTo.includes('regular')).length;
    expect(unscoredItems(SET, blank, computeFacts(blank, SET))).toBe(items);
    const full = filledDraft();
    expect(unscoredItems(SET, full, computeFacts(full, SET))).toBe(0);
    expect(unscoredItems(null, full, computeFacts(full, SET))).toBe(Number.POSITIVE_INFINITY);
    // Contradicting counts take the proposals away: scored no longer.
    const bad = filledDraft({ attendance: { ...full.attendance, present: 40 } });
    expect(unscoredItems(SET, bad, computeFacts(bad, SET))).toBe(2);
  });
});

describe('after "Gửi báo cáo"', () => {
  const rec = (over: Partial<DraftRecord>): DraftRecord => {
    const data = filledDraft();
    data.issues = [
      data.issues[0]!,
      {
        id: '0d9f4c52-8c0e-4f7a-9a39-5a3f3a1b2c02',
        title: 'Trộm cắp ban đêm',
        detail: '',
        category: 'an_ninh_trat_tu',
        urgency: 'urgent',
        responsibleBodyId: 'na-bnc',
      },
      {
        id: '0d9f4c52-8c0e-4f7a-9a39-5a3f3a1b2c03',
        title: 'Thủ tục đất',
        detail: '',
        category: 'dat_dai',
        urgency: 'normal',
        responsibleBodyId: null,
        answeredAtMeeting: { by: 'Bí thư', answer: 'Đã giải đáp' },
      },
    ];
    return {
      id: 'r1',
      userId: USER,
      status: 'queued',
      createdAt: 0,
      updatedAt: 0,
      attempts: 0,
      data,
      ...over,
    };
  };
  const result = () => {
    const r = resultFor('r1');
    r.issues.push(
      {
        id: '0d9f4c52-8c0e-4f7a-9a39-5a3f3a1b2c02',
        responsibleBodyId: 'na-bnc',
        status: 'routed',
        ackDueAt: '2026-11-06T23:59:59.999+07:00',
        dueAt: '2026-11-19T23:59:59.999+07:00',
        version: 1,
      },
      {
        id: '0d9f4c52-8c0e-4f7a-9a39-5a3f3a1b2c03',
        responsibleBodyId: 'hn-xom-1',
        status: 'answered_at_meeting',
        ackDueAt: null,
        dueAt: '2026-11-05T10:00:00.000+07:00',
        version: 1,
      },
    );
    return r;
  };

  it('names where each issue went, from the server’s answer', () => {
    const s = sentSummary(rec({ status: 'submitted', result: result() }), UNITS);
    expect(s?.phase).toBe('sent');
    expect(s?.lines.map((l) => [l.state, l.bodyName])).toEqual([
      ['to', 'Đảng ủy xã Hưng Nguyên'],
      ['to', 'Ban Nội chính Tỉnh ủy'],
      ['answered', undefined],
    ]);
    expect(s?.lines[0]?.dueAt).toBe('2026-12-03T23:59:59.999+07:00');
    expect(s?.lines[0]?.ackDueAt).toBe('2026-11-06T23:59:59.999+07:00');
    // An answer kept by an older version, without the acknowledgement deadline.
    const old = result();
    for (const i of old.issues) delete (i as { ackDueAt?: unknown }).ackDueAt;
    expect(
      sentSummary(rec({ status: 'submitted', result: old }), UNITS)?.lines[0],
    ).not.toHaveProperty('ackDueAt');
    // A body the cached graph does not know is never shown as an id.
    expect(sentSummary(rec({ status: 'submitted', result: result() }), [])?.lines[0]?.state).toBe(
      'toUnknown',
    );
  });

  it('while queued, says it will go once online; a chosen body is named', () => {
    const offline = { kind: 'network' as const, status: null, code: 'NETWORK', message: 'x' };
    const s = sentSummary(rec({ lastError: offline }), UNITS);
    expect(s?.phase).toBe('queued');
    expect(s?.lines.map((l) => [l.state, l.bodyName])).toEqual([
      ['willGo', undefined],
      ['willGoTo', 'Ban Nội chính Tỉnh ủy'],
      ['answered', undefined],
    ]);
    expect(sentSummary(rec({}), UNITS)?.phase).toBe('sending');
    expect(
      sentSummary(rec({ lastError: { ...offline, kind: 'auth' } }), UNITS)?.lines[0]?.state,
    ).toBe('willGoAuth');
    expect(
      sentSummary(rec({ status: 'draft', lastError: { ...offline, kind: 'rejected' } }), UNITS)
        ?.phase,
    ).toBe('returned');
    expect(sentSummary(rec({ status: 'draft' }), UNITS)).toBeNull();
  });
});
