import type { CriteriaSet } from '../../schemas/criteria.ts';
import { bandsFrom } from './bands.ts';

/**
 * National criteria since Hướng dẫn 42-HD/BTCTW (28/10/2025), implementing Chỉ thị 50-CT/TW:
 * 100 points in 7 groups (docs/domain.md). Items graded from measured facts carry `measure` and a
 * `scale`, so thresholds stay data. The topical-content item counts in full in months without a
 * topical meeting: the guidance is silent, and docs/domain.md asks for that default in the data.
 *
 * Two items may be marked "Không áp dụng" by hand (`allowNotApplicable`, this product's reading, not
 * the guidance's words), each with a reason (`reasonWhenNotApplicable`): the committee meeting
 * beforehand (g3.3), since a cell of fewer than 9 official members elects no committee, only a
 * secretary (and perhaps a deputy), per the Party Statute's rules on cells; and the results of the
 * last resolution (g6.1), which a cell formed or merged in the 2025 reorganisation does not have yet.
 */
export const HD42_2025: CriteriaSet = {
  id: 'hd42-2025',
  name: 'Tiêu chí đánh giá chất lượng sinh hoạt chi bộ (Hướng dẫn 42-HD/BTCTW)',
  source: 'Hướng dẫn số 42-HD/BTCTW ngày 28/10/2025 của Ban Tổ chức Trung ương',
  official: true,
  scope: 'national',
  validFrom: '2025-10-28',
  validTo: null,
  reasonWhenNotApplicable: true,
  bands: bandsFrom(90, 70, 50),
  groups: [
    {
      id: 'g1',
      title: 'Thời gian, thời lượng sinh hoạt',
      maxPoints: 5,
      items: [
        {
          id: 'g1.1',
          title:
            'Bảo đảm thời lượng sinh hoạt (ít nhất 90 phút; 120 phút khi kết hợp thường kỳ và chuyên đề)',
          maxPoints: 5,
          hint: 'Đủ thời lượng: 5; thiếu đến 15 phút: 4; thiếu trên 15 đến 30 phút: 3; khoảng một nửa: 2; dưới một nửa: 1',
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
      ],
    },
    {
      id: 'g2',
      title: 'Số lượng đảng viên dự sinh hoạt',
      maxPoints: 5,
      items: [
        {
          id: 'g2.1',
          title: 'Tỷ lệ đảng viên dự sinh hoạt (không tính đảng viên được miễn sinh hoạt)',
          maxPoints: 4,
          hint: 'Từ 90%: 4; 75% đến dưới 90%: 3; 65% đến dưới 75%: 2; dưới 65% hoặc có đảng viên vắng không lý do: 1',
          measure: 'attendance',
          absentWithoutReasonCap: 1,
          scale: [
            { min: 90, points: 4 },
            { min: 75, points: 3 },
            { min: 65, points: 2 },
            { min: 0, points: 1 },
          ],
        },
        {
          id: 'g2.2',
          title: 'Trong năm không có đảng viên vắng sinh hoạt quá 3 kỳ liên tiếp',
          maxPoints: 1,
        },
      ],
    },
    {
      id: 'g3',
      title: 'Công tác chuẩn bị',
      maxPoints: 10,
      items: [
        {
          id: 'g3.1',
          title: 'Nội dung sinh hoạt đúng, trúng, có trọng tâm, trọng điểm',
          maxPoints: 3,
        },
        { id: 'g3.2', title: 'Có đề cương gợi ý thảo luận và dự thảo nghị quyết', maxPoints: 2 },
        {
          id: 'g3.3',
          title: 'Cấp ủy (bí thư, phó bí thư) họp thống nhất nội dung trước khi sinh hoạt',
          maxPoints: 2,
          allowNotApplicable: true,
        },
        {
          id: 'g3.4',
          title: 'Thông báo cho đảng viên và cấp ủy viên cấp trên được phân công dự sinh hoạt',
          maxPoints: 1,
        },
        {
          id: 'g3.5',
          title: 'Tài liệu được đưa lên ứng dụng Sổ tay đảng viên trước ít nhất 1 ngày',
          maxPoints: 2,
        },
      ],
    },
    {
      id: 'g4',
      title: 'Tổ chức, điều hành sinh hoạt',
      maxPoints: 40,
      items: [
        { id: 'g4.1', title: 'Thực hiện đầy đủ các bước theo quy trình sinh hoạt', maxPoints: 5 },
        { id: 'g4.2', title: 'Nội dung sinh hoạt thường kỳ', maxPoints: 10 },
        {
          id: 'g4.3',
          title: 'Nội dung sinh hoạt chuyên đề (tháng có sinh hoạt chuyên đề)',
          maxPoints: 5,
          hint: 'Tháng không sinh hoạt chuyên đề được tính đủ điểm',
          appliesTo: ['topical', 'combined'],
          whenNotApplicable: 'full',
        },
        { id: 'g4.4', title: 'Biểu dương, phê bình đảng viên', maxPoints: 2 },
        {
          id: 'g4.5',
          title: 'Tỷ lệ đảng viên dự sinh hoạt phát biểu ý kiến',
          maxPoints: 5,
          hint: 'Trên 50%: 5; từ 40% đến 50%: 4; từ 30% đến dưới 40%: 3; dưới 30%: 2',
          measure: 'speakers',
          scale: [
            { min: 50, exclusiveMin: true, points: 5 },
            { min: 40, points: 4 },
            { min: 30, points: 3 },
            { min: 0, points: 2 },
          ],
        },
        { id: 'g4.6', title: 'Ghi biên bản sinh hoạt đầy đủ', maxPoints: 1 },
        {
          id: 'g4.7',
          title: 'Dành 15–30 phút sinh hoạt tư tưởng, tự phê bình và phê bình',
          maxPoints: 1,
        },
        { id: 'g4.8', title: 'Sử dụng tài liệu trên ứng dụng Sổ tay đảng viên', maxPoints: 1 },
        { id: 'g4.9', title: 'Vai trò chủ trì, điều hành của bí thư chi bộ', maxPoints: 10 },
      ],
    },
    {
      id: 'g5',
      title: 'Thực hiện nguyên tắc, tính lãnh đạo, tính giáo dục, tính chiến đấu',
      maxPoints: 5,
      items: [
        { id: 'g5.1', title: 'Thực hiện nguyên tắc tập trung dân chủ', maxPoints: 1 },
        { id: 'g5.2', title: 'Thực hiện tự phê bình và phê bình', maxPoints: 2 },
        { id: 'g5.3', title: 'Tính lãnh đạo, tính giáo dục', maxPoints: 1 },
        { id: 'g5.4', title: 'Ghi nhận tâm tư, nguyện vọng của đảng viên', maxPoints: 1 },
      ],
    },
    {
      id: 'g6',
      title: 'Kết quả thực hiện nghị quyết kỳ trước',
      maxPoints: 30,
      items: [
        {
          id: 'g6.1',
          title: 'Tỷ lệ chỉ tiêu, nhiệm vụ của nghị quyết kỳ trước được hoàn thành',
          maxPoints: 30,
          allowNotApplicable: true,
          hint: 'Từ 90%: 30; 80–90%: 27; 70–80%: 24; 60–70%: 20; 50–60%: 15; dưới 50%: 10',
          measure: 'targets',
          scale: [
            { min: 90, points: 30 },
            { min: 80, points: 27 },
            { min: 70, points: 24 },
            { min: 60, points: 20 },
            { min: 50, points: 15 },
            { min: 0, points: 10 },
          ],
        },
      ],
    },
    {
      id: 'g7',
      title: 'Kết thúc sinh hoạt',
      maxPoints: 5,
      items: [
        { id: 'g7.1', title: 'Thông qua kết luận (nghị quyết) của chi bộ', maxPoints: 2 },
        { id: 'g7.2', title: 'Thông qua biên bản và phân công nhiệm vụ', maxPoints: 2 },
        {
          id: 'g7.3',
          title: 'Đưa văn bản hoàn chỉnh lên ứng dụng Sổ tay đảng viên trong 2 ngày',
          maxPoints: 1,
        },
      ],
    },
  ],
};
