import {
  CATEGORY_LABELS,
  localDate,
  STATUS_LABELS,
  type Category,
  type IssueStatus,
} from '@duhop/shared';

/** One mail, plain text and HTML saying the same. */
export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

/** `dd/mm/yyyy` of an instant in Vietnam time. */
export function vnDate(d: Date): string {
  const [y, m, day] = localDate(d).split('-');
  return `${day}/${m}/${y}`;
}

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );

const category = (c: string) => CATEGORY_LABELS[c as Category] ?? c;
const status = (s: string) => STATUS_LABELS[s as IssueStatus] ?? s;

/** Links into the extension: the workspace's issue page (staff) and the side panel's report (member). */
export interface Links {
  /** `chrome-extension://<id>` or an http(s) base; null: mails carry no link. */
  base: string | null;
}
export const issueLink = (l: Links, issueId: string) =>
  l.base ? `${l.base}/workspace.html#/inbox/${encodeURIComponent(issueId)}` : null;
export const reportLink = (l: Links, reportId: string) =>
  l.base ? `${l.base}/sidepanel.html#/report/${encodeURIComponent(reportId)}` : null;
export const inboxLink = (l: Links, query = '') =>
  l.base ? `${l.base}/workspace.html#/inbox${query ? `?${query}` : ''}` : null;

const FOOTER_TEXT =
  'Thư này do hệ thống duhop gửi tự động; đừng trả lời thư này. Đổi hoặc tắt thông báo trong phần Cài đặt của tiện ích duhop.';

function page(title: string, body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${esc(title)}</title></head><body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1a1a1a;max-width:640px;margin:0 auto;padding:16px">${body}<hr style="border:0;border-top:1px solid #ccc;margin:24px 0 8px"><p style="font-size:13px;color:#555">${esc(FOOTER_TEXT)}</p></body></html>`;
}

const button = (href: string | null, label: string) =>
  href
    ? `<p><a href="${esc(href)}" style="display:inline-block;background:#b3261e;color:#fff;padding:8px 16px;border-radius:4px;text-decoration:none">${esc(label)}</a></p>`
    : '';

const linkLine = (href: string | null, label: string) => (href ? `\n${label}: ${href}\n` : '');

const facts = (rows: [string, string][]) =>
  `<table role="presentation" style="border-collapse:collapse">${rows
    .map(
      ([k, v]) =>
        `<tr><th scope="row" style="text-align:left;padding:2px 12px 2px 0;font-weight:normal;color:#555">${esc(k)}</th><td style="padding:2px 0">${esc(v)}</td></tr>`,
    )
    .join('')}</table>`;
const factsText = (rows: [string, string][]) => rows.map(([k, v]) => `${k}: ${v}`).join('\n');

export interface IssueFacts {
  issueId: string;
  title: string;
  category: string;
  cellName: string;
  bodyName: string;
  dueAt: Date;
}

/** To staff: an issue was routed (or forwarded) to their body. */
export function immediateMail(
  links: Links,
  i: IssueFacts & { forwarded: boolean; fromBodyName: string | null; note: string | null },
): MailContent {
  const subject = `${i.forwarded ? 'Kiến nghị được chuyển tiếp' : 'Kiến nghị mới'}: ${i.title}`;
  const intro = i.forwarded
    ? `Một kiến nghị vừa được chuyển tiếp đến ${i.bodyName}${i.fromBodyName ? ` (từ ${i.fromBodyName})` : ''}.`
    : `Một kiến nghị mới vừa được chuyển đến ${i.bodyName}.`;
  const rows: [string, string][] = [
    ['Kiến nghị', i.title],
    ['Lĩnh vực', category(i.category)],
    ['Chi bộ nêu', i.cellName],
    ['Hạn giải quyết', vnDate(i.dueAt)],
  ];
  if (i.note) rows.push(['Ghi chú', i.note]);
  const link = issueLink(links, i.issueId);
  return {
    subject,
    text: `${intro}\n\n${factsText(rows)}\n${linkLine(link, 'Mở kiến nghị')}\n-- \n${FOOTER_TEXT}\n`,
    html: page(
      subject,
      `<p>${esc(intro)}</p>${facts(rows)}${button(link, 'Mở kiến nghị trong Không gian làm việc')}`,
    ),
  };
}

/** To the member who raised it: their issue was answered, or returned for clarification. */
export function ownIssueMail(
  links: Links,
  i: {
    issueId: string;
    reportId: string;
    title: string;
    cellName: string;
    bodyName: string;
    toStatus: string;
    returned: boolean;
    note: string | null;
    actorName: string | null;
    at: Date;
  },
): MailContent {
  const subject = i.returned
    ? `Kiến nghị cần làm rõ thêm: ${i.title}`
    : `Kiến nghị đã được trả lời: ${i.title}`;
  const intro = i.returned
    ? `${i.bodyName} đề nghị đồng chí làm rõ thêm kiến nghị đồng chí đã nêu tại ${i.cellName}.`
    : `${i.bodyName} đã trả lời kiến nghị đồng chí đã nêu tại ${i.cellName}.`;
  const rows: [string, string][] = [
    ['Kiến nghị', i.title],
    ['Kết quả', status(i.toStatus)],
    ['Ngày', vnDate(i.at)],
  ];
  if (i.actorName) rows.push(['Người xử lý', i.actorName]);
  if (i.note) rows.push([i.returned ? 'Nội dung cần làm rõ' : 'Nội dung trả lời', i.note]);
  const link = reportLink(links, i.reportId);
  return {
    subject,
    text: `Kính gửi đồng chí,\n\n${intro}\n\n${factsText(rows)}\n${linkLine(link, 'Xem báo cáo')}\n-- \n${FOOTER_TEXT}\n`,
    html: page(
      subject,
      `<p>Kính gửi đồng chí,</p><p>${esc(intro)}</p>${facts(rows)}${button(link, 'Xem báo cáo và kiến nghị')}`,
    ),
  };
}

export interface DigestIssue {
  issueId: string;
  title: string;
  cellName: string;
  dueAt: Date;
  status: string;
}

export interface DigestSections {
  fresh: DigestIssue[];
  dueSoon: DigestIssue[];
  overdue: DigestIssue[];
  answered: DigestIssue[];
}

const SECTIONS: [keyof DigestSections, string][] = [
  ['fresh', 'Kiến nghị mới chờ tiếp nhận'],
  ['dueSoon', 'Sắp đến hạn (trong 2 ngày làm việc)'],
  ['overdue', 'Quá hạn'],
  ['answered', 'Đã trả lời trong 24 giờ qua'],
];

const count = (n: number) => n.toLocaleString('vi-VN');

/** The daily digest of a body's issues, for one day (`date`: yyyy-mm-dd in Vietnam time). */
export function digestMail(
  links: Links,
  d: { bodyName: string; date: string; sections: DigestSections; more: Record<string, number> },
): MailContent {
  const [y, m, day] = d.date.split('-');
  const subject = `Tổng hợp kiến nghị ngày ${day}/${m}/${y} – ${d.bodyName}`;
  const summary = SECTIONS.map(
    ([k, label]) => `${label}: ${count(d.sections[k].length + (d.more[k] ?? 0))}`,
  );
  const line = (i: DigestIssue, k: keyof DigestSections) =>
    `${i.title} (${i.cellName}; ${k === 'answered' ? status(i.status) : `hạn ${vnDate(i.dueAt)}`})`;
  let text = `Tổng hợp kiến nghị của ${d.bodyName} ngày ${day}/${m}/${y}.\n\n${summary.join('\n')}\n`;
  let html = `<h1 style="font-size:20px">${esc(subject)}</h1><ul>${summary.map((s) => `<li>${esc(s)}</li>`).join('')}</ul>`;
  for (const [k, label] of SECTIONS) {
    const items = d.sections[k];
    if (!items.length) continue;
    text += `\n${label}\n${items
      .map((i) => {
        const link = issueLink(links, i.issueId);
        return `- ${line(i, k)}${link ? `\n  ${link}` : ''}`;
      })
      .join('\n')}\n`;
    if (d.more[k]) text += `  … và ${count(d.more[k])} kiến nghị khác\n`;
    html += `<h2 style="font-size:17px">${esc(label)}</h2><ul>${items
      .map((i) => {
        const link = issueLink(links, i.issueId);
        const title = link ? `<a href="${esc(link)}">${esc(i.title)}</a>` : esc(i.title);
        return `<li>${title} <span style="color:#555">(${esc(line(i, k).slice(i.title.length + 2, -1))})</span></li>`;
      })
      .join('')}</ul>`;
    if (d.more[k]) html += `<p>… và ${esc(count(d.more[k]))} kiến nghị khác</p>`;
  }
  const inbox = inboxLink(links);
  text += `${linkLine(inbox, 'Mở hộp kiến nghị')}\n-- \n${FOOTER_TEXT}\n`;
  html += button(inbox, 'Mở hộp kiến nghị');
  return { subject, text, html: page(subject, html) };
}
