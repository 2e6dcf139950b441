import { useEffect, useRef, useState } from 'preact/hooks';
import { useT } from '../../utils/i18n/index.ts';

/**
 * The secret of a new endpoint (or a new secret), shown this once: a read-only box (selected on
 * focus, so it can be copied by hand too) and a copy button. Closing it forgets the secret.
 */
export function SecretDialog(props: { name: string; secret: string; onClose: () => void }) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const copyRef = useRef<HTMLButtonElement>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  useEffect(() => {
    ref.current?.showModal();
    copyRef.current?.focus();
  }, []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.secret);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <dialog
      ref={ref}
      class="confirm-dialog secret-dialog"
      aria-labelledby="secret-title"
      aria-describedby="secret-once"
      onCancel={(e) => {
        e.preventDefault();
        props.onClose();
      }}
    >
      <h2 id="secret-title">{t('wh_secretTitle', { name: props.name })}</h2>
      <p id="secret-once">{t('wh_secretOnce')}</p>
      <label class="sr-only" for="secret-value">
        {t('wh_secretMode')}
      </label>
      <input
        id="secret-value"
        class="mono secret-value"
        readOnly
        value={props.secret}
        spellcheck={false}
        onFocus={(e) => e.currentTarget.select()}
        data-testid="webhook-secret"
      />
      <p class="ok-text" role="status">
        {copied === 'yes' ? t('wh_copied') : copied === 'failed' ? t('wh_copyFailed') : ''}
      </p>
      <p class="actions">
        <button ref={copyRef} type="button" onClick={() => void copy()}>
          {t('wh_copy')}
        </button>
        <button type="button" class="primary" onClick={props.onClose}>
          {t('wh_done')}
        </button>
      </p>
    </dialog>
  );
}
