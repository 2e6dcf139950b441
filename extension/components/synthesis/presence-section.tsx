import { hasRole, localDate, type PresenceFigures, TRIAGE_KINDS } from '@duhop/shared';
import { useLocale, useT } from '../../utils/i18n/index.ts';
import type { Session } from '../../utils/storage.ts';
import {
  hasMeetings,
  hasPresence,
  hasResidence,
  PRESENCE_COLUMNS,
  presenceCards,
  presenceCells,
} from '../../utils/synthesis/presence.ts';
import { useOrgUnits } from '../../utils/triage/org-units.ts';
import { Empty } from '../ui/states.tsx';

export interface PresenceRow {
  bodyId: string;
  bodyName: string;
  figures: PresenceFigures;
}

/** "—" for a figure without a whole, with a text for screen readers. */
function Dash() {
  const t = useT();
  return (
    <>
      <span aria-hidden="true">—</span>
      <span class="visually-hidden">{t('pr_none')}</span>
    </>
  );
}

const show = (s: string | null) => (s == null ? <Dash /> : s);

/** The residence register is kept by commune staff and admins: only they get its link. */
function useKeepsRegister(session: Session): boolean {
  const units = useOrgUnits();
  const user = session.user;
  if (hasRole(user, 'admin')) return true;
  if (!hasRole(user, 'staff', 'leader')) return false;
  const own = units.find((u) => u.id === user.orgUnitId);
  return !!own && TRIAGE_KINDS.includes(own.kind);
}

/** Years the residence page offers (this one and the two before it): older ones get no link. */
const RESIDENCE_YEARS = 3;

/** `#/residence/<year>/<bodyId>/unassessed`: the register filtered to members still without an assessment. */
const unassessedHref = (year: number, bodyId: string) =>
  `#/residence/${year}/${encodeURIComponent(bodyId)}/unassessed`;

/**
 * Issue 17's figures for a body over the month (synthesis) or the year (year view): online and
 * combined meetings, members away for work, residence members introduced, received, attending and
 * assessed; then one row per committee below it. Says so plainly when nothing applies.
 */
export function PresenceSection(props: {
  idPrefix: string;
  period: 'month' | 'year';
  bodyId: string;
  figures: PresenceFigures;
  rows: PresenceRow[];
  session: Session;
}) {
  const t = useT();
  const locale = useLocale();
  const f = props.figures;
  const thisYear = Number(localDate(new Date()).slice(0, 4));
  const keeps =
    useKeepsRegister(props.session) &&
    f.residence.year <= thisYear &&
    f.residence.year > thisYear - RESIDENCE_YEARS;
  const h = `${props.idPrefix}-presence`;
  const month = props.period === 'month';
  const cards = presenceCards(f, t, locale, props.period);
  const rows = props.rows;
  const table = rows.length > 1 || (rows.length === 1 && rows[0]!.bodyId !== props.bodyId);
  const year = f.residence.year;
  return (
    <section aria-labelledby={h} class="presence" data-testid="presence">
      <h2 id={h}>{t('pr_title')}</h2>
      {!hasPresence(f) ? (
        <Empty>{t(month ? 'pr_emptyMonth' : 'pr_emptyYear')}</Empty>
      ) : (
        <>
          <p class="hint">{t(month ? 'pr_hintMonth' : 'pr_hintYear')}</p>
          <dl class="kpis" data-testid="presence-cards">
            {cards.map((c) => (
              <div key={c.key} data-kpi={c.key}>
                <dt>{c.label}</dt>
                <dd>
                  <strong>{show(c.value)}</strong>
                  {c.details.map((d) => (
                    <small key={d}>{d}</small>
                  ))}
                  {c.key === 'assessment' && keeps && f.residence.unassessed > 0 && (
                    <small>
                      <a
                        href={unassessedHref(year, props.bodyId)}
                        data-testid="presence-unassessed"
                      >
                        {t('pr_unassessedLink')}
                      </a>
                    </small>
                  )}
                </dd>
              </div>
            ))}
          </dl>
          {!hasMeetings(f) && (
            <p class="hint" data-testid="presence-no-reports">
              {t(month ? 'pr_noReportsMonth' : 'pr_noReportsYear')}
            </p>
          )}
          {!hasResidence(f) && (
            <p class="hint" data-testid="presence-no-residence">
              {t('pr_noResidence')}
            </p>
          )}
          {table && (
            <>
              <h3 id={`${h}-bodies`}>{t('pr_table')}</h3>
              {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a table wider than the page scrolls in its region, which the keyboard must reach to scroll it (axe scrollable-region-focusable) */}
              <section class="table-scroll" tabIndex={0} aria-labelledby={`${h}-bodies`}>
                <table
                  class="data-table presence-table"
                  aria-labelledby={`${h}-bodies`}
                  data-table="presence"
                >
                  <thead>
                    <tr>
                      <th scope="col">{t('sy_colBody')}</th>
                      {PRESENCE_COLUMNS.map((k) => (
                        <th scope="col" class="num" key={k}>
                          {k === 'pr_colGood' ? `${t(k)} (${year})` : t(k)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => (
                      <tr key={r.bodyId} data-body={r.bodyId}>
                        <th scope="row">{r.bodyName}</th>
                        {hasPresence(r.figures) ? (
                          presenceCells(r.figures, locale).map((c, i) => (
                            <td class="num" key={PRESENCE_COLUMNS[i]}>
                              {i === PRESENCE_COLUMNS.length - 1 &&
                              keeps &&
                              r.figures.residence.unassessed > 0 ? (
                                <a href={unassessedHref(year, r.bodyId)}>
                                  {c}
                                  <span class="visually-hidden">
                                    {' – '}
                                    {t('pr_unassessedLinkBody', { body: r.bodyName })}
                                  </span>
                                </a>
                              ) : (
                                show(c)
                              )}
                            </td>
                          ))
                        ) : (
                          <td colSpan={PRESENCE_COLUMNS.length} class="muted">
                            {t('pr_rowNothing')}
                          </td>
                        )}
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr>
                      <th scope="row">{t('sy_total')}</th>
                      {presenceCells(f, locale).map((c, i) => (
                        <td class="num" key={PRESENCE_COLUMNS[i]}>
                          {show(c)}
                        </td>
                      ))}
                    </tr>
                  </tfoot>
                </table>
              </section>
            </>
          )}
        </>
      )}
    </section>
  );
}
