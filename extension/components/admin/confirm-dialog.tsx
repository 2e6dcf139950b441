import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useT } from '../../utils/i18n/index.ts';

/**
 * A modal confirmation for a change that cannot simply be undone (deactivate, close, merge,
 * replace the rules). The native `<dialog>` keeps focus inside and closes on Escape; the cancel
 * button has the focus first, so Enter alone never confirms a destructive change.
 */
export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  children: ComponentChildren;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (props.open && !d.open) {
      d.showModal();
      cancelRef.current?.focus();
    } else if (!props.open && d.open) d.close();
  }, [props.open]);
  return (
    <dialog
      ref={ref}
      class="confirm-dialog"
      aria-labelledby="confirm-title"
      onCancel={(e) => {
        e.preventDefault();
        if (!props.busy) props.onCancel();
      }}
    >
      <h2 id="confirm-title">{props.title}</h2>
      <div class="confirm-body">{props.children}</div>
      {props.error && (
        <p class="errors" role="alert">
          {props.error}
        </p>
      )}
      <p class="actions">
        <button ref={cancelRef} type="button" onClick={props.onCancel} disabled={props.busy}>
          {t('cancel')}
        </button>
        <button
          type="button"
          class={props.danger ? 'primary danger-fill' : 'primary'}
          onClick={props.onConfirm}
          disabled={props.busy}
          aria-busy={props.busy}
        >
          {props.busy ? t('adm_working') : props.confirmLabel}
        </button>
      </p>
    </dialog>
  );
}
