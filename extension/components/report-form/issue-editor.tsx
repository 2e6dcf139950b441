import { Category, localDate, Urgency, type RoutingRule } from '@duhop/shared';
import { useMemo, useState } from 'preact/hooks';
import { useT, type MessageKey, type Translate } from '../../utils/i18n/index.ts';
import {
  bodyGroups,
  filterBodyGroups,
  routingPreview,
  type RoutingPreview,
} from '../../utils/org-bodies.ts';
import type { DraftIssue } from '../../utils/report/report-model.ts';
import { describedBy, Field } from '../ui/field.tsx';
import { useForm } from './form-context.ts';
import { RelatedHints } from './related-hints.tsx';

/** The picker's first entry: where the rules send the issue, or that only the server can tell. */
export function previewText(t: Translate, p: RoutingPreview): string {
  if (p.kind === 'body') return t('autoRouted', { name: p.body.name });
  return t(p.kind === 'category' ? 'autoRoutedNeedsCategory' : 'autoRoutedServer');
}

/** One issue: title, detail, category, urgency and the responsible body (routing's choice unless changed). */
export function IssueEditor(props: {
  issue: DraftIssue;
  index: number;
  count: number;
  /** The province's routing rules as cached; null when the panel never got them. */
  rules: readonly RoutingRule[] | null;
  onMove: (to: number) => void;
  onRemove: () => void;
}) {
  const t = useT();
  const { data, update, errorsFor, orgUnits, readOnly } = useForm();
  const { issue, index } = props;
  const base = `issues.${index}`;
  const fid = (k: string) => `f-issue-${issue.id}-${k}`;
  const set = (patch: Partial<DraftIssue>, key: string) =>
    update(
      (d) => ({ ...d, issues: d.issues.map((x) => (x.id === issue.id ? { ...x, ...patch } : x)) }),
      [`${base}.${key}`],
    );

  // The server routes, and checks a chosen body, on the day it receives the report: so does the form.
  const today = localDate(new Date());
  const groups = useMemo(
    () => bodyGroups(orgUnits, data.cellId, today),
    [orgUnits, data.cellId, today],
  );
  const [query, setQuery] = useState('');
  const shown = filterBodyGroups(groups, query, issue.responsibleBodyId);
  const preview = routingPreview(orgUnits, props.rules, issue, data.cellId, today);
  // A body chosen before (an older draft) that the list no longer offers stays shown as chosen.
  const chosenId = issue.responsibleBodyId;
  const chosenOutside =
    chosenId && !groups.some((g) => g.options.some((o) => o.id === chosenId))
      ? (orgUnits.find((u) => u.id === chosenId) ?? null)
      : null;
  const titleErr = errorsFor(`${base}.title`);
  const detailErr = errorsFor(`${base}.detail`);
  const catErr = errorsFor(`${base}.category`);
  const bodyErr = errorsFor(`${base}.responsibleBodyId`);
  const answered = issue.answeredAtMeeting ?? null;
  const byErr = errorsFor(`${base}.answeredAtMeeting.by`);
  const answerErr = errorsFor(`${base}.answeredAtMeeting.answer`);
  const setAnswered = (patch: Partial<{ by: string; answer: string }>, key: string) =>
    set(
      { answeredAtMeeting: { by: answered?.by ?? '', answer: answered?.answer ?? '', ...patch } },
      `answeredAtMeeting.${key}`,
    );

  return (
    <li class="issue" id={`issue-${issue.id}`} data-issue-index={index}>
      <div class="issue-head">
        <strong class="grow">{t('issueN', { n: index + 1 })}</strong>
        {!readOnly && (
          <>
            <button
              type="button"
              class="icon up"
              aria-label={t('moveUp')}
              title={t('moveUp')}
              disabled={index === 0}
              onClick={() => props.onMove(index - 1)}
            >
              ↑
            </button>
            <button
              type="button"
              class="icon down"
              aria-label={t('moveDown')}
              title={t('moveDown')}
              disabled={index === props.count - 1}
              onClick={() => props.onMove(index + 1)}
            >
              ↓
            </button>
            <button
              type="button"
              class="icon danger"
              aria-label={t('removeIssue')}
              title={t('removeIssue')}
              onClick={props.onRemove}
            >
              ×
            </button>
          </>
        )}
      </div>
      <Field id={fid('title')} label={t('issueTitle')} errors={titleErr}>
        <input
          {...describedBy(fid('title'), titleErr)}
          maxLength={300}
          value={issue.title}
          onInput={(e) => set({ title: e.currentTarget.value }, 'title')}
        />
      </Field>
      <Field id={fid('detail')} label={t('issueDetail')} errors={detailErr}>
        <textarea
          {...describedBy(fid('detail'), detailErr)}
          rows={3}
          value={issue.detail}
          onInput={(e) => set({ detail: e.currentTarget.value }, 'detail')}
        />
      </Field>
      {!readOnly && <RelatedHints title={issue.title} detail={issue.detail} cellId={data.cellId} />}
      <div class="grid2">
        <Field id={fid('category')} label={t('category')} errors={catErr}>
          <select
            {...describedBy(fid('category'), catErr)}
            value={issue.category ?? ''}
            onChange={(e) =>
              set({ category: (e.currentTarget.value || null) as Category | null }, 'category')
            }
          >
            <option value="">{t('chooseCategory')}</option>
            {Category.options.map((c) => (
              <option key={c} value={c}>
                {t(`cat_${c}` as MessageKey)}
              </option>
            ))}
          </select>
        </Field>
        <Field id={fid('urgency')} label={t('urgency')}>
          <select
            id={fid('urgency')}
            value={issue.urgency}
            onChange={(e) => set({ urgency: e.currentTarget.value as Urgency }, 'urgency')}
          >
            {Urgency.options.map((u) => (
              <option key={u} value={u}>
                {t(`urgency_${u}` as MessageKey)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <label class="check">
        <input
          type="checkbox"
          data-testid="answered-at-meeting"
          checked={answered !== null}
          onChange={(e) =>
            set(
              { answeredAtMeeting: e.currentTarget.checked ? { by: '', answer: '' } : null },
              'answeredAtMeeting',
            )
          }
        />
        {t('answeredAtMeetingCheck')}
      </label>
      {answered !== null ? (
        <>
          <p class="hint">{t('answeredAtMeetingHint')}</p>
          <Field id={fid('by')} label={t('answeredBy')} hint={t('answeredByHint')} errors={byErr}>
            <input
              {...describedBy(fid('by'), byErr)}
              maxLength={200}
              value={answered.by}
              onInput={(e) => setAnswered({ by: e.currentTarget.value }, 'by')}
            />
          </Field>
          <Field id={fid('answer')} label={t('meetingAnswer')} errors={answerErr}>
            <textarea
              {...describedBy(fid('answer'), answerErr)}
              rows={3}
              value={answered.answer}
              onInput={(e) => setAnswered({ answer: e.currentTarget.value }, 'answer')}
            />
          </Field>
        </>
      ) : (
        <Field id={fid('body')} label={t('responsibleBody')} errors={bodyErr}>
          <input
            type="search"
            class="body-search"
            id={fid('body-q')}
            aria-label={t('bodySearch')}
            aria-controls={fid('body')}
            placeholder={t('bodySearchPlaceholder')}
            value={query}
            onInput={(e) => setQuery(e.currentTarget.value)}
          />
          <select
            {...describedBy(fid('body'), bodyErr)}
            value={issue.responsibleBodyId ?? ''}
            data-routing={preview.kind === 'body' ? preview.body.id : preview.kind}
            onChange={(e) =>
              set({ responsibleBodyId: e.currentTarget.value || null }, 'responsibleBodyId')
            }
          >
            <option value="">{previewText(t, preview)}</option>
            {chosenOutside && <option value={chosenOutside.id}>{chosenOutside.name}</option>}
            {shown.map((g) => (
              <optgroup
                key={g.headId}
                label={g.level === 'other' ? g.headName : t(`bodyLevel_${g.level}` as MessageKey)}
              >
                {g.options.map((o) => (
                  <option key={o.id} value={o.id}>
                    {'\u00a0\u00a0'.repeat(o.depth)}
                    {o.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          {query.trim() !== '' && (
            <small class="hint" aria-live="polite">
              {shown.length === 0
                ? t('bodySearchNone', { q: query.trim() })
                : t('bodySearchCount', { n: shown.reduce((n, g) => n + g.options.length, 0) })}
            </small>
          )}
        </Field>
      )}
    </li>
  );
}
