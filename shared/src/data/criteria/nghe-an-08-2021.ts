import type { CriteriaSet } from '../../schemas/criteria.ts';
import { bandsFrom } from './bands.ts';

/**
 * Nghệ An's Quy định 08-QĐ/TU (15/09/2021), in force until the day before Hướng dẫn 42
 * (27/10/2025): a template Nghệ An adopts (`scope: 'template'`), never national. 5 groups
 * (preparation 20, attendance 10, conduct 45, principles 15, reports and conclusions 10) and
 * bands Tốt ≥ 80, Khá ≥ 70, Trung bình ≥ 50. The group weights and bands are from docs/domain.md; the
 * items inside each group are a reconstruction for scoring historical reports and must be checked
 * against the original text before official use (`source` says so, `official: false` marks it).
 */
export const NGHE_AN_08_2021: CriteriaSet = {
  id: 'nghe-an-08-2021',
  name: 'Tiêu chí đánh giá chất lượng sinh hoạt chi bộ (Quy định 08-QĐ/TU, Nghệ An)',
  source:
    'Quy định số 08-QĐ/TU ngày 15/09/2021 của Ban Thường vụ Tỉnh ủy Nghệ An (nhóm tiêu chí, thang điểm nhóm và mức xếp loại theo quy định; tiêu chí chi tiết và thang điểm từng tiêu chí là diễn giải tạm tính, cần đối chiếu văn bản gốc)',
  official: false,
  scope: 'template',
  validFrom: '2021-09-15',
  validTo: '2025-10-27',
  bands: bandsFrom(80, 70, 50),
  groups: [
    {
      id: 'g1',
      title: 'Công tác chuẩn bị sinh hoạt',
      maxPoints: 20,
      items: [
        { id: 'g1.1', title: 'Cấp ủy họp chuẩn bị nội dung chu đáo, đúng trọng tâm', maxPoints: 8 },
        { id: 'g1.2', title: 'Có dự thảo báo cáo, dự thảo nghị quyết', maxPoints: 6 },
        {
          id: 'g1.3',
          title: 'Thông báo thời gian, nội dung sinh hoạt cho đảng viên',
          maxPoints: 3,
        },
        { id: 'g1.4', title: 'Chuẩn bị địa điểm, tài liệu, cơ sở vật chất', maxPoints: 3 },
      ],
    },
    {
      id: 'g2',
      title: 'Đảng viên dự sinh hoạt',
      maxPoints: 10,
      items: [
        {
          id: 'g2.1',
          title: 'Tỷ lệ đảng viên dự sinh hoạt (không tính đảng viên được miễn sinh hoạt)',
          maxPoints: 7,
          measure: 'attendance',
          scale: [
            { min: 95, points: 7 },
            { min: 90, points: 6 },
            { min: 85, points: 5 },
            { min: 80, points: 3 },
            { min: 0, points: 1 },
          ],
        },
        { id: 'g2.2', title: 'Đảng viên dự đúng giờ, tác phong nghiêm túc', maxPoints: 3 },
      ],
    },
    {
      id: 'g3',
      title: 'Tiến hành sinh hoạt',
      maxPoints: 45,
      items: [
        { id: 'g3.1', title: 'Thực hiện đúng các bước theo quy trình sinh hoạt', maxPoints: 8 },
        {
          id: 'g3.2',
          title: 'Bảo đảm thời lượng sinh hoạt',
          maxPoints: 5,
          measure: 'duration',
          requiredMinutes: { regular: 90, topical: 90, combined: 120 },
          scale: [
            { min: 100, points: 5 },
            { min: 0, maxShortMinutes: 15, points: 4 },
            { min: 0, maxShortMinutes: 30, points: 3 },
            { min: 50, points: 2 },
            { min: 0, points: 1 },
          ],
        },
        {
          id: 'g3.3',
          title: 'Đánh giá đúng tình hình thực hiện nhiệm vụ trong tháng, đề ra nhiệm vụ tháng tới',
          maxPoints: 10,
        },
        {
          id: 'g3.4',
          title: 'Nội dung sinh hoạt chuyên đề (tháng có sinh hoạt chuyên đề)',
          maxPoints: 5,
          appliesTo: ['topical', 'combined'],
          whenNotApplicable: 'full',
        },
        {
          id: 'g3.5',
          title: 'Đảng viên thảo luận, phát biểu ý kiến',
          maxPoints: 8,
          measure: 'speakers',
          scale: [
            { min: 50, points: 8 },
            { min: 40, points: 6 },
            { min: 30, points: 4 },
            { min: 0, points: 2 },
          ],
        },
        { id: 'g3.6', title: 'Sinh hoạt tư tưởng, tự phê bình và phê bình', maxPoints: 5 },
        { id: 'g3.7', title: 'Vai trò chủ trì, điều hành của bí thư chi bộ', maxPoints: 4 },
      ],
    },
    {
      id: 'g4',
      title: 'Thực hiện nguyên tắc, tính lãnh đạo, tính giáo dục, tính chiến đấu',
      maxPoints: 15,
      items: [
        { id: 'g4.1', title: 'Thực hiện nguyên tắc tập trung dân chủ', maxPoints: 5 },
        { id: 'g4.2', title: 'Thực hiện tự phê bình và phê bình', maxPoints: 4 },
        { id: 'g4.3', title: 'Tính lãnh đạo trong nội dung sinh hoạt', maxPoints: 3 },
        { id: 'g4.4', title: 'Tính giáo dục, tính chiến đấu', maxPoints: 3 },
      ],
    },
    {
      id: 'g5',
      title: 'Báo cáo, kết luận sinh hoạt',
      maxPoints: 10,
      items: [
        {
          id: 'g5.1',
          title: 'Kết luận, nghị quyết ngắn gọn, sát thực tế, dễ thực hiện',
          maxPoints: 4,
        },
        { id: 'g5.2', title: 'Biên bản ghi đầy đủ và được thông qua', maxPoints: 3 },
        {
          id: 'g5.3',
          title: 'Báo cáo kết quả sinh hoạt lên cấp ủy cấp trên đúng thời hạn',
          maxPoints: 3,
        },
      ],
    },
  ],
};
