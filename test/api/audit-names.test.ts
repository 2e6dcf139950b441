import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { writeAudit } from '../../api/src/features/admin/audit.ts';
import { useHarness } from '../support/app.ts';
import { read } from '../support/client.ts';
import { rows, userId } from '../support/monthly.ts';

const h = useHarness('2026-11-05T09:00:00+07:00');

// The audit log names what changed as a person reads it (issue 15): "Tài khoản Trần Thị Bình",
// not "Tài khoản 41bce864-…"; a rule set by its province, an assignment by member and cell.
describe('audit log: names, never ids', () => {
  it('gives each entry the name of the object it changed', async () => {
    const admin = await h.login('admin');
    const commune = await userId(h, 'commune');
    // A real change through the API…
    const patched = await read(
      h.as(admin).api.admin.users[':id'].$patch({
        param: { id: commune },
        json: { displayName: 'Trần Thị Bình (VP)' },
      }),
    );
    expect(patched.status).toBe(200);
    // …and one entry of every other kind, on objects of the demo province.
    const [assignment] = await rows<{ id: string; name: string; cell: string }>(
      h,
      sql`select a.id, u.display_name as name, c.name as cell from assignments a
          join users u on u.id = a.user_id join org_units c on c.id = a.cell_id
          order by a.created_at, a.id limit 1`,
    );
    const [set] = await rows<{ id: string; name: string }>(
      h,
      sql`select id, name from criteria_sets order by id limit 1`,
    );
    const at = new Date('2026-11-05T09:00:00+07:00');
    const entries: [string, string | null][] = [
      ['org_unit', 'hung-nguyen'],
      ['routing_rules', 'na-tu'],
      ['criteria_set', set!.id],
      ['assignment', assignment!.id],
      ['user', '00000000-0000-4000-8000-000000000000'], // gone: no name, no id shown
      ['database', null],
    ];
    for (const [entity, entityId] of entries)
      await writeAudit(h.database.db, {
        actorId: commune,
        at,
        action: `${entity}.update`,
        entity,
        entityId,
      });

    const audit = await read(h.as(admin).api.admin.audit.$get({ query: {} }));
    expect(audit.status).toBe(200);
    const names = Object.fromEntries(
      audit.body.items.map((a) => [`${a.entity}:${a.entityId}`, a.entityName]),
    );
    expect(names).toEqual({
      [`user:${commune}`]: 'Trần Thị Bình (VP)',
      'org_unit:hung-nguyen': 'Đảng ủy xã Hưng Nguyên',
      'routing_rules:na-tu': 'Tỉnh ủy Nghệ An',
      [`criteria_set:${set!.id}`]: set!.name,
      [`assignment:${assignment!.id}`]: `${assignment!.name} · ${assignment!.cell}`,
      'user:00000000-0000-4000-8000-000000000000': null,
      'database:null': null,
    });
    // The actor too is a name.
    expect(
      audit.body.items.every(
        (a) => a.actorName === 'Trần Thị Bình (VP)' || a.actorName === 'Phạm Thị Dung',
      ),
    ).toBe(true);
  });
});
