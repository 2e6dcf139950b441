import { useEffect } from 'preact/hooks';
import { useT } from '../../utils/i18n/index.ts';

export interface Toast {
  message: string;
  /** Offered as "Hoàn tác" while the toast shows. */
  undo?: () => void;
}

/** A short-lived message at the bottom of the page, with an undo button when the action allows it. */
export function UndoToast(props: { toast: Toast | null; onClose: () => void; ms?: number }) {
  const t = useT();
  const { toast, onClose } = props;
  useEffect(() => {
    if (!toast) return;
    const id = setTimeout(onClose, props.ms ?? 8000);
    return () => clearTimeout(id);
  }, [toast]);
  if (!toast) return null;
  return (
    <div class="toast" role="status" aria-live="polite">
      <span>{toast.message}</span>
      {toast.undo && (
        <button
          type="button"
          class="link"
          onClick={() => {
            toast.undo?.();
            onClose();
          }}
        >
          {t('undo')}
        </button>
      )}
      <button type="button" class="icon" aria-label={t('close')} onClick={onClose}>
        ×
      </button>
    </div>
  );
}
