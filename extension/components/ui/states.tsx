import type { ComponentChildren } from 'preact';
import { useT } from '../../utils/i18n/index.ts';

export function Loading(props: { label?: string }) {
  const t = useT();
  return (
    <p class="state state--loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" /> {props.label ?? t('loading')}
    </p>
  );
}

export function Empty(props: { children: ComponentChildren }) {
  return <p class="state state--empty">{props.children}</p>;
}

export function ErrorBox(props: { message: string; onRetry?: () => void }) {
  const t = useT();
  return (
    <div class="state state--error" role="alert">
      <p>{props.message}</p>
      {props.onRetry && (
        <button type="button" onClick={props.onRetry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}

/** A banner for information (`info`), things to act on (`warn`) and refusals (`error`). */
export function Notice(props: {
  kind?: 'info' | 'warn' | 'error' | 'ok';
  children: ComponentChildren;
}) {
  return (
    <div
      class={`notice notice--${props.kind ?? 'info'}`}
      role={props.kind === 'error' ? 'alert' : 'status'}
    >
      {props.children}
    </div>
  );
}
