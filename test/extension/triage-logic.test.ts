import {
  actorKindsFor,
  OPEN_STATUSES,
  OrgIndex,
  type Issue,
  type OrgUnit,
  type OrgUnitKind,
  type Role,
} from '@duhop/shared';
import { describe, expect, it } from 'vitest';
import { translator } from '../../extension/utils/i18n/translate.ts';
import {
  actionBody,
  actionFields,
  actionsFor,
  checkAction,
  isOneClick,
  reopenDeadline,
  withTemplate,
} from '../../extension/utils/triage/actions.ts';
import {
  applyUpdate,
  DEFAULT_FILTERS,
  inboxQuery,
  isNarrowed,
  toggleStatus,
  type InboxFilters,
} from '../../extension/utils/triage/inbox-filters.ts';
import {
  EMPTY_NAV,
  isTypingTarget,
  keyCommand,
  navReducer,
  targets,
  type NavState,
} from '../../extension/utils/triage/inbox-keys.ts';

// The answer-deadline order (the API's default, no `sort` sent); the default of the table is
// `next` (test/extension/triage-table.test.ts).
const f = (over: Partial<InboxFilters> = {}): InboxFilters => ({
  ...DEFAULT_FILTERS,
  statuses: [...DEFAULT_FILTERS.statuses],
  sort: 'due',
  ...over,
});

describe('inbox filters → query string', () => {
  it('sends the open statuses in canonical order and the page size by default', () => {
    expect(inboxQuery(f())).toEqual({
      status: 'routed,acknowledged,in_progress,returned,forwarded',
      limit: '50',
    });
  });

  it.each<[string, Partial<InboxFilters>, Record<string, string>]>([
    ['no status chip: every status, no parameter', { statuses: [] }, { limit: '50' }],
    [
      'every status chip: the same as none',
      {
        statuses: [
          'routed',
          'acknowledged',
          'in_progress',
          'resolved',
          'scheduled',
          'explained',
          'rejected',
          'returned',
          'forwarded',
        ],
      },
      { limit: '50' },
    ],
    [
      'chips in click order come out in canonical order',
      { statuses: ['forwarded', 'routed'] },
      { status: 'routed,forwarded', limit: '50' },
    ],
    [
      'category, commune and cell',
      { statuses: [], category: 'dat_dai', communeId: 'hung-nguyen', cellId: 'hn-xom-1' },
      { category: 'dat_dai', communeId: 'hung-nguyen', cellId: 'hn-xom-1', limit: '50' },
    ],
    [
      'search is trimmed, kept with its diacritics (the server normalises)',
      { statuses: [], q: '  Đất đai ' },
      { q: 'Đất đai', limit: '50' },
    ],
    ['search of blanks only is no search', { statuses: [], q: '   ' }, { limit: '50' }],
    [
      'overdue true / false as text',
      { statuses: [], overdue: 'false' },
      { overdue: 'false', limit: '50' },
    ],
    [
      'due within: whole days, capped at 365',
      { statuses: [], dueWithinDays: 400.7 },
      { dueWithinDays: '365', limit: '50' },
    ],
    [
      'due within 0 is today',
      { statuses: [], dueWithinDays: 0 },
      { dueWithinDays: '0', limit: '50' },
    ],
    ['negative due within is ignored', { statuses: [], dueWithinDays: -3 }, { limit: '50' }],
    [
      'escalated scope is sent, own scope is the default',
      { statuses: [], scope: 'escalated' },
      { scope: 'escalated', limit: '50' },
    ],
    ['bodyId is left out for non-admins', { statuses: [], bodyId: 'na-bnc' }, { limit: '50' }],
  ])('%s', (_name, over, expected) => {
    expect(inboxQuery(f(over))).toEqual(expected);
  });

  it('adds the cursor, the admin body and another page size', () => {
    expect(
      inboxQuery(f({ statuses: [], bodyId: 'na-bnc' }), {
        cursor: 'abc',
        isAdmin: true,
        limit: 20,
      }),
    ).toEqual({ bodyId: 'na-bnc', cursor: 'abc', limit: '20' });
  });

  it('knows when the list is narrowed beyond the default', () => {
    expect(isNarrowed(f())).toBe(false);
    expect(isNarrowed(f({ scope: 'escalated' }))).toBe(false);
    expect(isNarrowed(f({ q: 'dat' }))).toBe(true);
    expect(isNarrowed(toggleStatus(f(), 'routed'))).toBe(true);
    expect(toggleStatus(toggleStatus(f(), 'resolved'), 'resolved').statuses).toEqual([
      ...OPEN_STATUSES,
    ]);
  });
});

const issue = (id: string, over: Partial<Issue> = {}): Issue => ({
  id,
  reportId: '00000000-0000-4000-8000-000000000000',
  authorId: '00000000-0000-4000-8000-000000000001',
  cellId: 'hn-xom-1',
  cellName: 'Chi bộ xóm 1',
  title: `Kiến nghị ${id}`,
  detail: '',
  category: 'dat_dai',
  urgency: 'normal',
  status: 'routed',
  responsibleBodyId: 'hung-nguyen',
  responsibleBodyName: 'Đảng ủy xã Hưng Nguyên',
  dueAt: '2026-12-03T23:59:59.999+07:00',
  overdue: false,
  createdAt: '2026-11-05T09:00:00.000+07:00',
  updatedAt: '2026-11-05T09:00:00.000+07:00',
  version: 0,
  closedAt: null,
  ...over,
});

describe('applyUpdate', () => {
  it('replaces the row in place and moves the status counts', () => {
    const items = [issue('a'), issue('b')];
    const out = applyUpdate(items, { routed: 2 }, {
      ...issue('b', { status: 'acknowledged', version: 1 }),
      cellName: undefined,
    } as Issue);
    expect(out.items.map((i) => [i.id, i.status])).toEqual([
      ['a', 'routed'],
      ['b', 'acknowledged'],
    ]);
    expect(out.counts).toEqual({ routed: 1, acknowledged: 1 });
  });

  it('drops the old body name when the issue moved to another body', () => {
    const { responsibleBodyName: _, ...moved } = issue('a', {
      status: 'forwarded',
      responsibleBodyId: 'na-bnc',
      version: 2,
    });
    const out = applyUpdate([issue('a')], { routed: 1 }, moved);
    expect(out.items[0]!.responsibleBodyId).toBe('na-bnc');
    expect(out.items[0]!.responsibleBodyName).toBeUndefined();
    expect(out.items[0]!.cellName).toBe('Chi bộ xóm 1');
  });
});

describe('keyboard triage', () => {
  it.each<[Parameters<typeof keyCommand>[0], ReturnType<typeof keyCommand>]>([
    [{ key: 'j' }, 'next'],
    [{ key: 'ArrowDown' }, 'next'],
    [{ key: 'k' }, 'prev'],
    [{ key: 'ArrowUp' }, 'prev'],
    [{ key: 'Enter' }, 'open'],
    [{ key: 'x' }, 'toggle'],
    [{ key: 'a' }, 'acknowledge'],
    [{ key: '/' }, 'search'],
    [{ key: 'j', inField: true }, null],
    [{ key: 'a', ctrlKey: true }, null],
    [{ key: 'k', metaKey: true }, null],
    [{ key: 'q' }, null],
  ])('%o → %s', (input, cmd) => {
    expect(keyCommand(input)).toBe(cmd);
  });

  it('treats text fields as typing and checkboxes as not', () => {
    expect(isTypingTarget({ tagName: 'INPUT', type: 'search' } as unknown as EventTarget)).toBe(
      true,
    );
    expect(isTypingTarget({ tagName: 'TEXTAREA' } as unknown as EventTarget)).toBe(true);
    expect(isTypingTarget({ tagName: 'INPUT', type: 'checkbox' } as unknown as EventTarget)).toBe(
      false,
    );
    expect(isTypingTarget({ tagName: 'LI' } as unknown as EventTarget)).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });

  const start: NavState = navReducer(EMPTY_NAV, { type: 'items', ids: ['a', 'b', 'c'] });

  it('moves within the list and stops at both ends', () => {
    expect(start.active).toBe(-1);
    let s = navReducer(start, { type: 'move', delta: 1 });
    expect(s.active).toBe(0);
    s = navReducer(
      navReducer(navReducer(s, { type: 'move', delta: 1 }), { type: 'move', delta: 1 }),
      { type: 'move', delta: 1 },
    );
    expect(s.active).toBe(2);
    s = navReducer(
      navReducer(navReducer(s, { type: 'move', delta: -1 }), { type: 'move', delta: -1 }),
      { type: 'move', delta: -1 },
    );
    expect(s.active).toBe(0);
    expect(navReducer(start, { type: 'move', delta: -1 }).active).toBe(0);
    expect(navReducer(EMPTY_NAV, { type: 'move', delta: 1 })).toBe(EMPTY_NAV);
  });

  it('selects the row under the cursor, and acts on the selection or else that row', () => {
    let s = navReducer(navReducer(start, { type: 'move', delta: 1 }), { type: 'move', delta: 1 });
    expect(targets(s)).toEqual(['b']);
    s = navReducer(s, { type: 'toggle' });
    s = navReducer(s, { type: 'toggle', id: 'c' });
    expect(s.selected).toEqual(['b', 'c']);
    expect(targets(s)).toEqual(['b', 'c']);
    expect(navReducer(s, { type: 'toggle', id: 'b' }).selected).toEqual(['c']);
    expect(navReducer(s, { type: 'toggle', id: 'zz' })).toBe(s);
    expect(navReducer(s, { type: 'clear' }).selected).toEqual([]);
    expect(navReducer(s, { type: 'selectAll' }).selected).toEqual(['a', 'b', 'c']);
    expect(
      navReducer(navReducer(s, { type: 'selectAll' }), { type: 'selectAll' }).selected,
    ).toEqual([]);
    expect(targets(start)).toEqual([]);
  });

  it('keeps the cursor on its row when the list changes, and the selection on rows still shown', () => {
    let s = navReducer(navReducer(start, { type: 'focus', id: 'b' }), { type: 'toggle', id: 'c' });
    s = navReducer(s, { type: 'items', ids: ['z', 'a', 'b'] });
    expect(s.ids[s.active]).toBe('b');
    expect(s.selected).toEqual([]);
    // The row under the cursor left the list: the cursor stays at the same place.
    s = navReducer(s, { type: 'items', ids: ['z', 'a'] });
    expect(s.active).toBe(1);
    expect(navReducer(s, { type: 'items', ids: [] }).active).toBe(-1);
  });
});

describe('actions offered', () => {
  // The province graph as `GET /api/org-units` gives it: province → commune → its board; a sibling board.
  const unit = (id: string, kind: OrgUnitKind, parentId: string | null): OrgUnit => ({
    id,
    name: id,
    kind,
    parentId,
    validFrom: '2025-07-01',
    validTo: null,
  });
  const org = new OrgIndex([
    unit('na-tu', 'province', null),
    unit('na-bnc', 'province_board', 'na-tu'),
    unit('hung-nguyen', 'commune', 'na-tu'),
    unit('hung-nguyen-vp', 'commune_board', 'hung-nguyen'),
  ]);
  const issue = (overdue: boolean) => ({
    responsibleBodyId: 'hung-nguyen',
    authorId: 'o1',
    overdue,
  });

  // Roles × overdue × where the caller sits: the shared rule the issue screen applies (and the API).
  it.each<[Role, string, boolean, string[]]>([
    ['staff', 'hung-nguyen', false, ['holder']],
    ['leader', 'hung-nguyen', true, ['holder']],
    ['staff', 'na-tu', false, []],
    ['staff', 'na-tu', true, ['parent']],
    ['leader', 'na-tu', true, ['parent']],
    // A sibling body, or one below the holder, is never the parent, overdue or not (the
    // extension used to take any staff for the parent once an issue was overdue).
    ['staff', 'na-bnc', true, []],
    ['leader', 'na-bnc', false, []],
    ['staff', 'hung-nguyen-vp', true, []],
    ['observer', 'na-tu', true, []],
    ['admin', 'na-bnc', true, ['admin']],
  ])('%s of %s, overdue %s: %j', (role, orgUnitId, overdue, kinds) => {
    expect(actorKindsFor({ id: 'u1', role, orgUnitId }, issue(overdue), org)).toEqual(kinds);
  });

  it('the author is known from the issue itself; buttons follow the kinds', () => {
    expect(
      actorKindsFor({ id: 'o1', role: 'observer', orgUnitId: 'hung-nguyen' }, issue(false), org),
    ).toEqual(['author']);
    expect(
      actionsFor(
        { status: 'routed' },
        actorKindsFor({ id: 'u1', role: 'staff', orgUnitId: 'na-bnc' }, issue(true), org),
      ),
    ).toEqual([]);
    // Before the graph is loaded nobody is a parent body: fewer buttons, never more.
    expect(
      actorKindsFor({ id: 'u1', role: 'staff', orgUnitId: 'na-tu' }, issue(true), new OrgIndex([])),
    ).toEqual([]);
  });

  it.each<[Issue['status'], string[], string[]]>([
    [
      'routed',
      ['holder'],
      [
        'acknowledge',
        'forward',
        'return_for_clarification',
        'resolve',
        'schedule',
        'explain',
        'reject',
      ],
    ],
    [
      'acknowledged',
      ['holder'],
      ['start', 'forward', 'return_for_clarification', 'resolve', 'schedule', 'explain', 'reject'],
    ],
    ['returned', ['holder'], []],
    ['returned', ['author'], ['clarify']],
    ['resolved', ['author'], ['reopen']],
    ['routed', ['author'], []],
    ['routed', [], []],
  ])('from %s as %o: %o', (status, kinds, expected) => {
    expect(actionsFor({ status }, kinds as never)).toEqual(expected);
  });

  it('asks for the fields each action needs', () => {
    expect(actionFields('resolve')).toEqual({
      note: 'tg_noteAnswer',
      body: false,
      answer: true,
      targetDate: false,
    });
    expect(actionFields('forward')).toEqual({
      note: 'tg_noteReason',
      body: true,
      answer: false,
      targetDate: false,
    });
    expect(actionFields('reject').note).toBe('tg_noteReason');
    expect(actionFields('return_for_clarification').note).toBe('tg_noteReason');
    expect(actionFields('clarify').note).toBe('tg_noteClarify');
    expect(actionFields('reopen').note).toBe('tg_noteReopen');
    expect(isOneClick('acknowledge')).toBe(true);
    expect(isOneClick('start')).toBe(true);
    expect(isOneClick('explain')).toBe(false);
    expect(checkAction('forward', { note: ' ', toBodyId: '', documentNo: '' })).toEqual({
      note: 'tg_noteRequired',
      toBodyId: 'tg_bodyRequired',
    });
    expect(checkAction('acknowledge', { note: '', toBodyId: '', documentNo: '' })).toEqual({});
  });

  it('sends only the fields of the action, trimmed', () => {
    expect(
      actionBody(
        'resolve',
        { note: ' Đã sửa xong ', toBodyId: 'na-bnc', documentNo: ' 12/UBND ' },
        3,
      ),
    ).toEqual({
      type: 'resolve',
      expectedVersion: 3,
      note: 'Đã sửa xong',
      documentNo: '12/UBND',
    });
    expect(
      actionBody('forward', { note: 'Ngoài thẩm quyền', toBodyId: 'na-bnc', documentNo: 'x' }, 1),
    ).toEqual({
      type: 'forward',
      expectedVersion: 1,
      note: 'Ngoài thẩm quyền',
      toBodyId: 'na-bnc',
    });
    expect(actionBody('acknowledge', { note: 'x', toBodyId: '', documentNo: '' }, 0)).toEqual({
      type: 'acknowledge',
      expectedVersion: 0,
    });
  });

  it('inserts a template into an empty note or after what was typed', () => {
    expect(withTemplate('', 'Mẫu')).toBe('Mẫu');
    expect(withTemplate('Kính gửi đồng chí,  ', 'Mẫu')).toBe('Kính gửi đồng chí,\n\nMẫu');
  });

  it('allows reopening for 30 days after the answer', () => {
    expect(reopenDeadline({ status: 'in_progress', closedAt: null })).toBeNull();
    expect(reopenDeadline({ status: 'resolved', closedAt: '2026-11-05T09:00:00+07:00' })).toBe(
      Date.parse('2026-12-05T09:00:00+07:00'),
    );
  });
});

describe('texts', () => {
  it('has every action and status label in both languages', () => {
    for (const locale of ['vi', 'en'] as const) {
      const t = translator(locale);
      expect(t('act_return_for_clarification')).not.toBe('act_return_for_clarification');
      expect(t('ev_escalated')).not.toBe('ev_escalated');
    }
    expect(translator('vi')('tg_versionConflict')).toMatch(/người khác cập nhật/);
  });
});
