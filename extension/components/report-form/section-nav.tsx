import { useEffect } from 'preact/hooks';
import { useT, type MessageKey } from '../../utils/i18n/index.ts';
import type { FormSection } from '../../utils/report/form-inputs.ts';

const MARK = { done: '✓', todo: '○', invalid: '!' } as const;

/** The element a section's link leads to (report-form.tsx gives each part this id). */
export const sectionElementId = (key: string): string =>
  key.startsWith('group:') ? `sec-group-${key.slice(6)}` : `sec-${key}`;

/** Scrolls to a section (opening a closed group) and puts the focus on its first control. */
export function jumpTo(key: string): void {
  const el = document.getElementById(sectionElementId(key));
  if (!el) return;
  if (el instanceof HTMLDetailsElement) el.open = true;
  const target = el.querySelector<HTMLElement>(
    'summary, input:not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]):not([tabindex="-1"])',
  );
  el.scrollIntoView({ block: 'start' });
  target?.focus({ preventScroll: true });
}

/**
 * The form's parts in a compact list, each marked done / not done / with an error, that jump to
 * the part: Thông tin, Số lượng, Chấm điểm by group, Góp ý, Kiến nghị.
 */
export function SectionNav(props: { sections: FormSection[] }) {
  const t = useT();
  const { sections } = props;
  const groups = sections.filter((s) => s.key.startsWith('group:'));
  const done = sections.filter((s) => s.state === 'done').length;
  const step = (s: FormSection, label: string, full = label) => (
    <li key={s.key}>
      <button
        type="button"
        class={`nav-step nav-step--${s.state}`}
        data-section={s.key}
        data-state={s.state}
        title={`${full}: ${t(`nav_${s.state}` as MessageKey)}`}
        onClick={() => jumpTo(s.key)}
      >
        <span aria-hidden="true" class="nav-mark">
          {MARK[s.state]}
        </span>{' '}
        {label}
        <span class="visually-hidden">
          {full !== label ? ` (${full})` : ''}, {t(`nav_${s.state}` as MessageKey)}
        </span>
      </button>
    </li>
  );
  const byKey = (k: string) => sections.find((s) => s.key === k);
  const one = (k: 'meeting' | 'attendance' | 'suggestions' | 'issues') => {
    const s = byKey(k);
    return s ? step(s, t(`nav_${k}`)) : null;
  };
  return (
    <nav class="form-nav" aria-label={t('navLabel')} data-testid="form-nav">
      <ol>
        {one('meeting')}
        {one('attendance')}
        {groups.length > 0 && (
          <li class="nav-groups">
            <span class="nav-groups-label">{t('nav_criteria')}</span>
            <ol>
              {groups.map((g) =>
                step(g, String(g.n), t('navGroup', { n: g.n ?? 0, title: g.title ?? '' })),
              )}
            </ol>
          </li>
        )}
        {one('suggestions')}
        {one('issues')}
        <li>
          <small class="nav-progress">{t('navProgress', { done, all: sections.length })}</small>
        </li>
      </ol>
    </nav>
  );
}

/**
 * Keeps the sticky parts (the top bar, this list when it sticks, the score bar) off the focused
 * field: their heights become `--form-top` / `--form-bottom` (the page's scroll padding, styles.css)
 * and a field focused under one of them is scrolled clear.
 */
export function useStickyClearance(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    const root = document.documentElement;
    const measure = () => {
      const sticky = (sel: string) => {
        const el = document.querySelector<HTMLElement>(sel);
        if (!el) return 0;
        const pos = getComputedStyle(el).position;
        return pos === 'sticky' || pos === 'fixed' ? el.getBoundingClientRect().height : 0;
      };
      const bar = sticky('.topbar');
      root.style.setProperty('--topbar-h', `${bar}px`);
      root.style.setProperty('--form-top', `${bar + sticky('.form-nav')}px`);
      root.style.setProperty('--form-bottom', `${sticky('.score-bar')}px`);
    };
    measure();
    const ro = new ResizeObserver(measure);
    for (const sel of ['.topbar', '.form-nav', '.score-bar']) {
      const el = document.querySelector(sel);
      if (el) ro.observe(el);
    }
    window.addEventListener('resize', measure);
    const onFocus = (e: FocusEvent) => {
      const el = e.target as HTMLElement | null;
      if (!el || el.closest('.score-bar, .form-nav, .topbar')) return;
      requestAnimationFrame(() => {
        const r = el.getBoundingClientRect();
        const top = Number.parseFloat(root.style.getPropertyValue('--form-top')) || 0;
        const bottom =
          window.innerHeight -
          (Number.parseFloat(root.style.getPropertyValue('--form-bottom')) || 0);
        const margin = 8;
        if (r.bottom > bottom - margin) window.scrollBy(0, r.bottom - bottom + margin);
        else if (r.top < top + margin) window.scrollBy(0, r.top - top - margin);
      });
    };
    document.addEventListener('focusin', onFocus);
    return () => {
      ro.disconnect();
      window.removeEventListener('resize', measure);
      document.removeEventListener('focusin', onFocus);
      root.style.removeProperty('--topbar-h');
      root.style.removeProperty('--form-top');
      root.style.removeProperty('--form-bottom');
    };
  }, [active]);
}
