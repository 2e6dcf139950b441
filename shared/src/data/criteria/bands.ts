import type { Band } from '../../schemas/criteria.ts';

/** Vietnamese labels of the four rating bands (xếp loại). */
export const BAND_LABELS = Object.freeze({
  tot: 'Tốt',
  kha: 'Khá',
  trung_binh: 'Trung bình',
  kem: 'Kém',
});

/** Bands from the minimum points of Tốt, Khá and Trung bình (Kém starts at 0). */
export function bandsFrom(tot: number, kha: number, trungBinh: number): Band[] {
  return [
    { code: 'tot', min: tot, label: BAND_LABELS.tot },
    { code: 'kha', min: kha, label: BAND_LABELS.kha },
    { code: 'trung_binh', min: trungBinh, label: BAND_LABELS.trung_binh },
    { code: 'kem', min: 0, label: BAND_LABELS.kem },
  ];
}
