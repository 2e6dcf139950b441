import type { ReportView } from '@duhop/shared';

/**
 * The criteria the member marked "Không áp dụng", by title with the reason: in the report view
 * (side panel) and in the report context (workspace). Nothing when none was marked (or the
 * copy was cached before reports carried them).
 */
export function NotApplicableList(props: { items: ReportView['notApplicable'] | undefined }) {
  const items = props.items ?? [];
  if (!items.length) return null;
  return (
    <ul class="na-list" data-testid="not-applicable">
      {items.map((n) => (
        <li key={n.itemId}>
          {n.title}
          {n.reason && <span class="hint"> — {n.reason}</span>}
        </li>
      ))}
    </ul>
  );
}
