import { actorKindsFor, hasRole, localDate, type Issue } from '@duhop/shared';
import { formatDate } from '../../utils/format.ts';
import { errorText, useLocale, useT, type MessageKey } from '../../utils/i18n/index.ts';
import { getReport } from '../../utils/report/calls.ts';
import type { Session } from '../../utils/storage.ts';
import { getIssue } from '../../utils/triage/calls.ts';
import { mergeIssue } from '../../utils/triage/inbox-filters.ts';
import { forwardTargets, useOrgIndex, useOrgUnits } from '../../utils/triage/org-units.ts';
import { deadlinesOf } from '../../utils/triage/triage-table.ts';
import { ErrorBox, Loading, Notice } from '../ui/states.tsx';
import { useLoader } from '../ui/use-loader.ts';
import { ActionPanel } from './action-panel.tsx';
import { IssueTimeline } from './issue-timeline.tsx';
import { RelatedIssues } from './related-issues.tsx';
import { ReportContext } from './report-context.tsx';

/** One issue for its handler: the report it came from, its timeline and the allowed actions. */
export function IssueView(props: {
  id: string;
  session: Session;
  /** The confirmation of the action taken on the issue before this one. */
  flash?: string | null;
  /** The previous and next issues of the list (j/k), null at either end. */
  prevId?: string | null;
  nextId?: string | null;
  onOpen?: (id: string) => void;
  /** After an action: open the next issue of the list, with the action's confirmation. */
  onNext?: (id: string, confirmation: string) => void;
  onBack: () => void;
  onUpdated: (issue: Issue) => void;
}) {
  const t = useT();
  const locale = useLocale();
  const units = useOrgUnits();
  const org = useOrgIndex(units);
  const {
    state,
    reload: load,
    update,
  } = useLoader(
    async () => {
      const res = await getIssue(props.id);
      if (res.ok) props.onUpdated(res.data);
      return res;
    },
    [props.id],
    { reset: true },
  );
  const issue = state.data;
  const failure = state.status === 'error' ? state.failure : null;
  // The report it came from, once the issue is known: undefined while loading, null when unavailable.
  const reportId = issue?.reportId;
  const rep = useLoader(() => getReport(reportId ?? ''), [reportId], {
    manual: !reportId,
    reset: true,
  });
  const report =
    rep.state.status === 'ready' ? rep.state.data : rep.state.status === 'error' ? null : undefined;

  const applied = async (updated: Issue) => {
    update((cur) => mergeIssue(cur, updated));
    props.onUpdated(updated);
    // The work on this issue is done for now: on to the next one of the list, if any.
    if (props.nextId && props.onNext) {
      props.onNext(
        props.nextId,
        t('tg_nextOpened', {
          title: updated.title,
          status: t(`st_${updated.status}` as MessageKey),
        }),
      );
      return;
    }
    await load();
  };

  if (!issue) {
    if (!failure) return <Loading />;
    return (
      <section>
        <button type="button" class="link" onClick={props.onBack}>
          {t('tg_backToInbox')}
        </button>
        <ErrorBox
          message={errorText(t, failure.code, failure.message)}
          onRetry={() => void load()}
        />
      </section>
    );
  }

  const user = props.session.user;
  // The API's own rule over the province graph this screen keeps: the buttons are what the server
  // allows (while the graph loads, nobody counts as a parent body: fewer buttons, never more).
  const kinds = actorKindsFor(user, issue, org);
  const templatesFor = hasRole(user, 'admin') ? issue.responsibleBodyId : '';
  // After a forward the body that sent it on still follows the issue, but no longer handles it.
  const movedAway =
    hasRole(user, 'staff', 'leader') &&
    issue.responsibleBodyId !== user.orgUnitId &&
    !kinds.includes('parent');
  const bodyName =
    issue.responsibleBodyName ??
    units.find((u) => u.id === issue.responsibleBodyId)?.name ??
    issue.responsibleBodyId;

  const deadlines = deadlinesOf(issue);
  const deadline = (kind: 'ack' | 'answer', date: string | null) =>
    date && (
      <span
        class="deadline"
        data-deadline={kind}
        data-current={deadlines.current === kind}
        data-overdue={deadlines.current === kind && issue.overdue}
        data-testid={`issue-${kind}-due`}
      >
        {t(kind === 'ack' ? 'tg_ackDeadline' : 'tg_answerDeadline', {
          date: formatDate(date, locale),
        })}
      </span>
    );

  return (
    <article class="issue-view" data-issue-view={issue.id} data-status={issue.status}>
      <nav class="issue-nav" aria-label={t('navInbox')}>
        <button type="button" class="link" onClick={props.onBack}>
          {t('tg_backToInbox')}
        </button>
        <span class="grow" />
        <span class="hint">{t('tg_detailKeys')}</span>
        <button
          type="button"
          class="link"
          disabled={!props.prevId}
          onClick={() => props.prevId && props.onOpen?.(props.prevId)}
        >
          {t('tg_prevIssue')}
        </button>
        <button
          type="button"
          class="link"
          disabled={!props.nextId}
          onClick={() => props.nextId && props.onOpen?.(props.nextId)}
        >
          {t('tg_nextIssue')}
        </button>
      </nav>
      {props.flash && (
        <Notice kind="ok">
          <span data-testid="action-flash">{props.flash}</span>
        </Notice>
      )}
      <h1>{issue.title}</h1>
      <div class="meta">
        <span class={`pill pill--st-${issue.status}`} data-testid="issue-status">
          {t(`st_${issue.status}` as MessageKey)}
        </span>
        <span>{t(`cat_${issue.category}` as MessageKey)}</span>
        {issue.cellName && (
          <span data-testid="issue-origin">
            {issue.communeName ? `${issue.cellName} · ${issue.communeName}` : issue.cellName}
          </span>
        )}
        {issue.urgency === 'urgent' && <span class="pill pill--bad">{t('urgency_urgent')}</span>}
        {issue.answeredAtMeeting ? (
          // Answered at the meeting: routed to nobody, no deadline.
          <span data-testid="issue-body">
            {t('answeredAtMeetingBy', { by: issue.answeredAtMeeting.by })}
          </span>
        ) : (
          <>
            <span data-testid="issue-body">{bodyName}</span>
            {deadline('ack', deadlines.ack)}
            {deadline('answer', deadlines.answer)}
          </>
        )}
        {issue.overdue && <span class="pill pill--bad">{t('isOverdue')}</span>}
        {issue.escalated && <span class="pill pill--warn">{t('tg_escalatedPill')}</span>}
      </div>
      {kinds.includes('parent') && !kinds.includes('holder') && (
        <Notice kind="warn">{t('tg_takeOver')}</Notice>
      )}
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
              {issue.answeredAtMeeting && (
                <p class="meta">{t('answeredAtMeetingBy', { by: issue.answeredAtMeeting.by })}</p>
              )}
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
            onStale={load}
          />
          <RelatedIssues issue={issue} kinds={kinds} onUpdated={() => void load()} />
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
