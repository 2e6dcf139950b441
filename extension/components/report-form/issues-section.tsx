import { useT } from '../../utils/i18n/index.ts';
import { readRoutingRules } from '../../utils/reference-data.ts';
import { useLiveQuery } from '../../utils/use-live-query.ts';
import { newIssue, type DraftIssue } from '../../utils/report/report-model.ts';
import { Empty } from '../ui/states.tsx';
import type { Toast } from '../ui/undo-toast.tsx';
import { useForm } from './form-context.ts';
import { IssueEditor } from './issue-editor.tsx';

/** Issues raised (kiến nghị, đề xuất): add, reorder with buttons (keyboard-friendly), remove with undo. */
export function IssuesSection(props: { onToast: (t: Toast) => void }) {
  const t = useT();
  const { data, update, readOnly } = useForm();
  const issues = data.issues;
  // The province's rules as cached (null until fetched once): the editors preview routing with them.
  const cached = useLiveQuery(readRoutingRules, []);
  const rules = cached.status === 'ready' ? cached.value : null;

  const add = () => {
    const issue = newIssue();
    update((d) => ({ ...d, issues: [...d.issues, issue] }), ['issues']);
    requestAnimationFrame(() => document.getElementById(`f-issue-${issue.id}-title`)?.focus());
  };
  const move = (from: number, to: number) => {
    update(
      (d) => {
        const next = [...d.issues];
        const [it] = next.splice(from, 1);
        next.splice(to, 0, it!);
        return { ...d, issues: next };
      },
      ['issues'],
    );
    requestAnimationFrame(() =>
      document
        .getElementById(`issue-${issues[from]!.id}`)
        ?.querySelector<HTMLButtonElement>(to < from ? '.up' : '.down')
        ?.focus(),
    );
  };
  const remove = (index: number) => {
    const removed: DraftIssue = issues[index]!;
    update((d) => ({ ...d, issues: d.issues.filter((i) => i.id !== removed.id) }), ['issues']);
    props.onToast({
      message: t('issueRemoved'),
      undo: () =>
        update(
          (d) => ({
            ...d,
            issues: [...d.issues.slice(0, index), removed, ...d.issues.slice(index)],
          }),
          ['issues'],
        ),
    });
  };

  return (
    <fieldset class="section" disabled={readOnly}>
      <legend>{t('sectionIssues')}</legend>
      {issues.length === 0 && <Empty>{t('noIssues')}</Empty>}
      <ol class="issues">
        {issues.map((issue, i) => (
          <IssueEditor
            key={issue.id}
            issue={issue}
            index={i}
            count={issues.length}
            rules={rules}
            onMove={(to) => move(i, to)}
            onRemove={() => remove(i)}
          />
        ))}
      </ol>
      {!readOnly && (
        <button type="button" onClick={add}>
          + {t('addIssue')}
        </button>
      )}
    </fieldset>
  );
}
