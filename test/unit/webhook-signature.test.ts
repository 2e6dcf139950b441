import { parseSignatureHeader, WebhookPayload, webhookEventsOf } from '@duhop/shared';
import { describe, expect, it } from 'vitest';
import { signatureHeader, verifySignature } from '../../api/src/features/webhooks/signature.ts';
import { docsVerifier } from '../support/webhook-snippet.ts';

const secret = 'whsec_test_0123456789abcdef';
const body = JSON.stringify({ id: 'issue.routed.1', type: 'issue.routed', note: 'Đường xóm 1' });
const nowS = () => Math.floor(Date.now() / 1000);

describe('webhook signatures', () => {
  it('the snippet of docs/webhooks.md accepts what the API signs and refuses the rest', async () => {
    const verify = await docsVerifier();
    const header = signatureHeader(secret, nowS(), body);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verify(secret, header, body)).toBe(true);
    expect(verify(secret, header, `${body} `)).toBe(false);
    expect(verify('whsec_another_secret_000', header, body)).toBe(false);
    expect(verify(secret, signatureHeader(secret, nowS() - 3600, body), body)).toBe(false);
    expect(verify(secret, undefined, body)).toBe(false);
    expect(verify(secret, 't=abc,v1=zz', body)).toBe(false);
  });

  it('the API’s own verifier agrees (tolerance, tampering, malformed headers)', () => {
    const t = 1_764_730_800;
    const header = signatureHeader(secret, t, body);
    expect(verifySignature(secret, header, body, t + 10)).toBe(true);
    expect(verifySignature(secret, header, body, t + 301)).toBe(false);
    expect(verifySignature(secret, header, body.replace('1', '2'), t)).toBe(false);
    expect(parseSignatureHeader('v1=abc')).toBeNull();
    expect(parseSignatureHeader(header)).toEqual({ t, v1: [header.split('v1=')[1]] });
  });

  it.each([
    ['routed', ['issue.routed']],
    ['forward', ['issue.forwarded']],
    ['forwarded', ['issue.forwarded']],
    ['acknowledge', ['issue.acknowledged']],
    ['resolve', ['issue.answered']],
    ['answered_at_meeting', ['issue.answered']],
    ['escalated', ['issue.overdue', 'issue.escalated']],
    ['start', []],
    ['reopen', []],
  ] as const)('history entry %s raises %j', (type, events) => {
    expect(webhookEventsOf(type)).toEqual(events);
  });

  it('the payload schema refuses a body without its province', () => {
    expect(
      WebhookPayload.safeParse({
        id: 'x',
        type: 'webhook.test',
        occurredAt: '2026-11-05T09:00:00.000+07:00',
        data: { endpoint: { id: crypto.randomUUID(), name: 'a' }, message: 'm' },
      }).success,
    ).toBe(false);
  });
});
