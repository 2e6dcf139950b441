import { computeScore, END_TIME_SKEW_MS, endsInFuture } from '@duhop/shared';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { capturedIssue, queueDraft } from '../../utils/report/draft-store.ts';
import { navigate } from '../../utils/hash-route.ts';
import { useT } from '../../utils/i18n/index.ts';
import { onMessage, sendMessage } from '../../utils/messaging.ts';
import { criteriaSetFor, readReference } from '../../utils/reference-data.ts';
import { formSections } from '../../utils/report/form-inputs.ts';
import { effectiveScores, markedItems, toInstant } from '../../utils/report/report-model.ts';
import { validateDraft } from '../../utils/report/report-validation.ts';
import { currentDraftItem } from '../../utils/storage.ts';
import { useLiveQuery } from '../../utils/use-live-query.ts';
import { ErrorBox, Loading } from '../ui/states.tsx';
import { UndoToast, type Toast } from '../ui/undo-toast.tsx';
import { AttendanceSection } from './attendance-section.tsx';
import { CriteriaSection } from './criteria-section.tsx';
import { FormBanner } from './form-banner.tsx';
import { FormContext, type FormState } from './form-context.ts';
import { IssuesSection } from './issues-section.tsx';
import { MeetingSection } from './meeting-section.tsx';
import { ScoreBar } from './score-bar.tsx';
import { SectionNav, useStickyClearance } from './section-nav.tsx';
import { SuggestionsSection } from './suggestions-section.tsx';
import { useDraftEditor } from './use-draft-editor.ts';

/** The report form: computed facts, checks at the field, autosave, and submission to the outbox. */
export function ReportForm(props: { id: string; userId: string }) {
  const t = useT();
  const { id } = props;
  const ed = useDraftEditor(id);
  const ref = useLiveQuery(readReference, []);
  const [showAll, setShowAll] = useState(false);
  const [toast, setToast] = useState<Toast | null>(null);
  const record = ed.record;
  const data = ed.data;
  const readOnly = record?.status !== 'draft';

  useEffect(() => {
    if (readOnly) return;
    void currentDraftItem.setValue(id);
    const off = onMessage('capture/add', (m) => {
      if (m.draftId !== id) return undefined;
      ed.update((d) => ({ ...d, issues: [...d.issues, capturedIssue(m.text, m.url)] }), ['issues']);
      setToast({ message: t('captured') });
      return true;
    });
    return () => {
      off();
      void currentDraftItem.setValue(null);
    };
  }, [id, readOnly]);

  const refData = ref.status === 'ready' ? ref.value : null;
  const set = data && refData ? criteriaSetFor(refData, data.cellId, data.meetingDate) : null;
  const setsLoaded = (refData?.criteriaSets.length ?? 0) > 0;
  // Bumped when a meeting's end time, refused while in the future, has passed: checked again then.
  const [clockTick, setClockTick] = useState(0);
  const check = useMemo(
    () => (data ? validateDraft(id, data, set, t, undefined, setsLoaded) : null),
    [data, set, t, setsLoaded, clockTick],
  );
  const end = data ? toInstant(data.meetingDate, data.endTime) : null;
  useEffect(() => {
    if (!end || !endsInFuture(end, Date.now())) return;
    const wait = Date.parse(end) + END_TIME_SKEW_MS - Date.now() + 1_000;
    if (wait > 2 ** 31 - 1) return; // beyond what a timer holds (weeks ahead): checked on the next edit
    const timer = setTimeout(() => setClockTick((n) => n + 1), wait);
    return () => clearTimeout(timer);
  }, [end, clockTick]);
  const score = useMemo(
    () =>
      data && set && check
        ? computeScore(
            set,
            effectiveScores(set, data, check.facts),
            data.meetingType,
            markedItems(set, data),
          )
        : null,
    [data, set, check],
  );

  useEffect(() => {
    if (data && record) performance.mark('duhop:form-ready');
  }, [!!data && !!record]);
  useStickyClearance(!!data && !!check && !ed.loading && ref.status !== 'loading');

  if (ed.loading || ref.status === 'loading') return <Loading />;
  if (!record || record.status === 'deleted' || record.userId !== props.userId) {
    return <ErrorBox message={t('draftMissing')} onRetry={() => navigate('')} />;
  }
  if (!data || !check) return <Loading />;

  const problems = Object.keys(check.errors).length;
  const showProblems = () => {
    setShowAll(true);
    requestAnimationFrame(() =>
      document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
    );
  };
  const errorsFor = (path: string): string[] => {
    const client = check.errors[path] ?? [];
    const shown = !check.missing.has(path) || showAll || ed.touched.has(path) ? client : [];
    const server = (record.serverErrors?.[path] ?? []).filter((m) => !shown.includes(m));
    return [...shown, ...server];
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!check.payload) return showProblems();
    await ed.flush();
    if (await queueDraft(id, check.payload)) {
      void sendMessage('outbox/flush', { force: true });
      // Home, with where each issue went (or will go) first.
      navigate('sent', id);
    }
  };

  const state: FormState = {
    data,
    update: ed.update,
    facts: check.facts,
    set,
    setsLoaded,
    score,
    readOnly,
    errorsFor,
    assignments: refData?.me?.assignments ?? [],
    orgUnits: refData?.orgUnits ?? [],
  };
  return (
    <FormContext.Provider value={state}>
      <div class="report-form">
        <h1>
          {t('formTitle')}: {data.cellName}
        </h1>
        <FormBanner record={record} />
        <SectionNav sections={formSections(data, set, check.errors, check.missing)} />
        <form id="report-form" onSubmit={submit} noValidate>
          <MeetingSection />
          <div id="sec-attendance" class="form-part">
            <AttendanceSection />
          </div>
          <CriteriaSection />
          <div id="sec-suggestions" class="form-part">
            <SuggestionsSection />
          </div>
          <div id="sec-issues" class="form-part">
            <IssuesSection onToast={setToast} />
          </div>
        </form>
        <ScoreBar
          score={score}
          selfScore={data.cellSelfScore}
          problems={problems}
          canSubmit={!readOnly && !!check.payload}
          saving={ed.saving}
          readOnly={readOnly}
          onShowProblems={showProblems}
        />
        <UndoToast toast={toast} onClose={() => setToast(null)} />
      </div>
    </FormContext.Provider>
  );
}
