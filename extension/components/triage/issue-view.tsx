import { actorKindsFor, localDate, type Issue, type IssueWithEvents, type ReportView } from '@duhop/shared';
import { useEffect, useState } from 'preact/hooks';
import { request, type ApiFailure } from '../../utils/api.ts';
import { formatDate } from '../../utils/format.ts';
import { errorText, useLocale, useT, type MessageKey } from '../../utils/i18n/index.ts';
import type { Session } from '../../utils/storage.ts';
import { getIssue } from '../../utils/triage/calls.ts';
import { mergeIssue } from '../../utils/triage/inbox-filters.ts';
import { forwardTargets, useOrgIndex, useOrgUnits } from '../../utils/triage/org-units.ts';
import { ErrorBox, Loading, Notice } from '../ui/states.tsx';
import { ActionPanel } from './action-panel.tsx';
import { IssueTimeline } from './issue-timeline.tsx';
import { ReportContext } from './report-context.tsx';

/** One issue for its handler: the report it came from, its timeline and the allowed actions. */
export function IssueView(props: { id: string; session: Session; onBack: () => void; onUpdated: (issue: Issue) => void }) {
  const t = useT();
  const locale = useLocale();
  const units = useOrgUnits();
  const org = useOrgIndex(units);
  const [issue, setIssue] = useState<IssueWithEvents | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [report, setReport] = useState<ReportView | null | undefined>(undefined);

  const load = async () => {
    const res = await getIssue(props.id);
    if (res.ok) {
      setIssue(res.data);
      setFailure(null);
      props.onUpdated(res.data);
    } else setFailure(res);
    return res;
  };
  const applied = async (updated: Issue) => {
    setIssue((cur) => cur && mergeIssue(cur, updated));
    props.onUpdated(updated);
    await load();
  };
  useEffect(() => {
    setIssue(null);
    setReport(undefined);
    void load().then(async (res) => {
      if (!res.ok) return;
      const rep = await request((c) => c.api.reports[':id'].$get({ param: { id: res.data.reportId } }));
      setReport(rep.ok ? rep.data : null);
    });
  }, [props.id]);

  if (!issue) {
    if (!failure) return <Loading />;
    return (
      <section>
        <button type="button" class="link" onClick={props.onBack}>
          {t('tg_backToInbox')}
        </button>
        <ErrorBox message={errorText(t, failure.code, failure.message)} onRetry={() => void load()} />
      </section>
    );
  }

  const user = props.session.user;
  // The API's own rule over the province graph this screen keeps: the buttons are what the server
  // allows (while the graph loads, nobody counts as a parent body: fewer buttons, never more).
  const kinds = actorKindsFor(user, issue, org);
  const templatesFor = user.role === 'admin' ? issue.responsibleBodyId : '';
  // After a forward the body that sent it on still follows the issue, but no longer handles it.
  const movedAway = (user.role === 'staff' || user.role === 'leader') && issue.responsibleBodyId !== user.orgUnitId && !kinds.includes('parent');
  const bodyName = issue.responsibleBodyName ?? units.find((u) => u.id === issue.responsibleBodyId)?.name ?? issue.responsibleBodyId;

  return (
    <article class="issue-view" data-issue-view={issue.id} data-status={issue.status}>
      <button type="button" class="link" onClick={props.onBack}>
        {t('tg_backToInbox')}
      </button>
      <h1>{issue.title}</h1>
      <div class="meta">
        <span class={`pill pill--st-${issue.status}`} data-testid="issue-status">
          {t(`st_${issue.status}` as MessageKey)}
        </span>
        <span>{t(`cat_${issue.category}` as MessageKey)}</span>
        {issue.urgency === 'urgent' && <span class="pill pill--bad">{t('urgency_urgent')}</span>}
        <span data-testid="issue-body">{bodyName}</span>
        <span>{t('dueAt', { date: formatDate(issue.dueAt.slice(0, 10), locale) })}</span>
        {issue.overdue && <span class="pill pill--bad">{t('isOverdue')}</span>}
        {issue.escalated && <span class="pill pill--warn">{t('tg_escalatedPill')}</span>}
      </div>
      {kinds.includes('parent') && !kinds.includes('holder') && <Notice kind="warn">{t('tg_takeOver')}</Notice>}
      {movedAway && <Notice kind="info">{t('tg_movedAway', { name: bodyName })}</Notice>}
      <div class="issue-columns">
        <div>
          <section>
            <h2>{t('tg_issueDetail')}</h2>
            <p class="prewrap">{issue.detail || t('tg_noDetail')}</p>
          </section>
          {issue.answer && (
            <section class="answer" data-testid="issue-answer">
              <h2>{t('tg_answer')}</h2>
              <p class="prewrap">{issue.answer}</p>
              {issue.documentNo && (
                <p class="meta">
                  {t('tg_documentNo')}: {issue.documentNo}
                </p>
              )}
            </section>
          )}
          <ActionPanel
            issue={issue}
            kinds={kinds}
            idPrefix="act"
            targets={forwardTargets(units, localDate(new Date()), issue.responsibleBodyId)}
            templatesFor={templatesFor}
            onUpdated={(updated) => void applied(updated)}
            onStale={async () => void (await load())}
          />
          <section>
            <h2>{t('tg_timeline')}</h2>
            <IssueTimeline events={issue.events} units={units} />
          </section>
        </div>
        <aside>
          <h2>{t('tg_context')}</h2>
          <ReportContext report={report} />
        </aside>
      </div>
    </article>
  );
}
