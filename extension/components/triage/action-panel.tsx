import type { ActionType, ActorKind, AnswerTemplate, Issue, OrgUnit } from '@duhop/shared';
import { useEffect, useState } from 'preact/hooks';
import type { ApiFailure } from '../../utils/api.ts';
import { useT, type MessageKey } from '../../utils/i18n/index.ts';
import { actionsFor, ANSWER_ACTIONS, isOneClick } from '../../utils/triage/actions.ts';
import { primaryAction } from '../../utils/triage/triage-table.ts';
import { listTemplates, postAction, STALE_CODES } from '../../utils/triage/calls.ts';
import { Notice } from '../ui/states.tsx';
import { ActionForm, actionFailureText } from './action-form.tsx';

/**
 * The actions the caller may take on the issue from its status (`availableActions` with their
 * actor kinds), each with its form. After a stale-version refusal the issue is read again and a
 * Vietnamese message says why; the open form keeps what was typed.
 */
export function ActionPanel(props: {
  issue: Issue;
  kinds: readonly ActorKind[];
  idPrefix: string;
  targets?: readonly OrgUnit[];
  /** Load the body's answer templates for answers (staff); the side panel has none. */
  templatesFor?: string;
  onUpdated: (issue: Issue) => void;
  onStale: () => Promise<void>;
  hidden?: readonly ActionType[];
  /** The side panel words the observer's actions its own way and needs no heading. */
  labels?: Partial<Record<ActionType, MessageKey>>;
  compact?: boolean;
}) {
  const t = useT();
  const { issue } = props;
  const actions = actionsFor(issue, props.kinds).filter((a) => !props.hidden?.includes(a));
  // One primary action for the status (acknowledge when routed, answer when in progress); the
  // others are secondary.
  const primary = primaryAction(issue.status, actions);
  const secondary = actions.filter((a) => a !== primary);
  const [open, setOpen] = useState<ActionType | null>(null);
  const [busy, setBusy] = useState<ActionType | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error' | 'warn'; text: string } | null>(
    null,
  );
  const [templates, setTemplates] = useState<AnswerTemplate[] | null | undefined>(undefined);

  const wantsTemplates =
    props.templatesFor !== undefined && open !== null && ANSWER_ACTIONS.includes(open);
  useEffect(() => {
    if (!wantsTemplates || templates !== undefined) return;
    setTemplates(null);
    void listTemplates(props.templatesFor || undefined).then((res) =>
      setTemplates(res.ok ? res.data.items : []),
    );
  }, [wantsTemplates]);

  const done = (updated: Issue) => {
    setOpen(null);
    setMessage({
      kind: 'ok',
      text: t('tg_done', { status: t(`st_${updated.status}` as MessageKey) }),
    });
    props.onUpdated(updated);
  };
  const failed = async (f: ApiFailure) => {
    setMessage({
      kind: STALE_CODES.includes(f.code) ? 'warn' : 'error',
      text: actionFailureText(t, f),
    });
    if (STALE_CODES.includes(f.code)) await props.onStale();
  };
  const click = async (type: ActionType) => {
    setMessage(null);
    if (!isOneClick(type)) return setOpen(open === type ? null : type);
    setBusy(type);
    const res = await postAction(issue.id, { type, expectedVersion: issue.version });
    setBusy(null);
    if (res.ok) done(res.data);
    else await failed(res);
  };
  // An open form whose action the new status no longer allows closes.
  useEffect(() => {
    if (open && !actions.includes(open)) setOpen(null);
  }, [issue.status]);

  return (
    <section
      class="action-panel"
      aria-labelledby={props.compact ? undefined : `${props.idPrefix}-h`}
    >
      {!props.compact && <h2 id={`${props.idPrefix}-h`}>{t('tg_actions')}</h2>}
      {message && (
        <Notice kind={message.kind}>
          <span data-testid="action-message">{message.text}</span>
        </Notice>
      )}
      {actions.length === 0 ? (
        <p class="hint">{t('tg_noActions')}</p>
      ) : (
        <div class="action-buttons">
          {[...(primary ? [primary] : []), ...secondary].map((a) => (
            <button
              key={a}
              type="button"
              class={a === primary ? 'primary' : 'secondary'}
              aria-expanded={isOneClick(a) ? undefined : open === a}
              disabled={busy !== null}
              data-action={a}
              data-primary={a === primary ? 'true' : undefined}
              onClick={() => void click(a)}
            >
              {busy === a ? t('tg_sending') : t(props.labels?.[a] ?? (`act_${a}` as MessageKey))}
            </button>
          ))}
        </div>
      )}
      {open && (
        <ActionForm
          key={open}
          issue={issue}
          type={open}
          idPrefix={`${props.idPrefix}-${open}`}
          targets={props.targets}
          templates={props.templatesFor !== undefined ? (templates ?? null) : undefined}
          onDone={done}
          onFailure={(f) => void failed(f)}
          onCancel={() => setOpen(null)}
        />
      )}
    </section>
  );
}
