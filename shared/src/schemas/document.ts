import { z } from 'zod';
import { Slug } from './common.ts';

const Line = (max: number) => z.string().trim().max(max);

/**
 * How a body signs and numbers the documents it issues (Hướng dẫn 36-HD/VPTW): the number pattern
 * with `{n}` for the running number ("{n}-BC/ĐU" → "Số 12-BC/ĐU"), the signer's lines
 * ("T/M BAN THƯỜNG VỤ", "BÍ THƯ"), the signer's name, and the recipients ("Nơi nhận"). Every field
 * is optional: what is unset takes the default of the body's kind (`resolveDocumentConfig`).
 */
export const DocumentConfig = z.object({
  numberPattern: Line(40)
    .refine((s) => s.includes('{n}'), 'Mẫu số văn bản phải có {n} (số thứ tự)')
    .optional(),
  /** "T/M BAN THƯỜNG VỤ", "T/M ĐẢNG ỦY", "K/T BÍ THƯ"; empty for a signer in their own name. */
  signerOnBehalf: Line(80).optional(),
  /** "BÍ THƯ", "PHÓ BÍ THƯ", "TRƯỞNG BAN". */
  signerTitle: Line(80).optional(),
  /** "Nguyễn Văn A"; when empty the document says "(Ký, ghi rõ họ tên)". */
  signerName: Line(80).optional(),
  /** One recipient a line, without the leading "- " ("Ban Thường vụ Tỉnh ủy (b/c)"). */
  recipients: z.array(Line(200).min(1)).max(20).optional(),
});
export type DocumentConfig = z.infer<typeof DocumentConfig>;

/** The configuration a document uses: every field resolved, defaults filled in. */
export const ResolvedDocumentConfig = z.object({
  numberPattern: z.string(),
  signerOnBehalf: z.string(),
  signerTitle: z.string(),
  signerName: z.string(),
  recipients: z.array(z.string()),
});
export type ResolvedDocumentConfig = z.infer<typeof ResolvedDocumentConfig>;

/** GET/PUT /api/admin/org/:id/document-config: what is stored, what documents use, the last number issued this year. */
export const DocumentConfigView = z.object({
  orgUnitId: Slug,
  config: DocumentConfig,
  effective: ResolvedDocumentConfig,
  year: z.number().int(),
  lastNumber: z.number().int(),
});
export type DocumentConfigView = z.infer<typeof DocumentConfigView>;
