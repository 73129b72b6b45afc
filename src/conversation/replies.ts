// Every text the conversation core says to residents, in one place: short, polite Vietnamese, addressed as configured.
import type { ResidentDataItem, ResidentDataSummary } from './ports.js';

export type AddressForm = 'Bạn' | 'Quý vị';

/** Section names a "Xem đủ" button asks for (the words the knowledge base's sections and aspects are found by). */
const SECTION_NAMES: Record<string, string> = {
  ho_so: 'Thành phần hồ sơ',
  thoi_han: 'Thời hạn giải quyết',
  le_phi: 'Phí, lệ phí',
  trinh_tu: 'Trình tự thực hiện',
  co_quan: 'Cơ quan thực hiện, nơi nộp hồ sơ',
  dieu_kien: 'Yêu cầu, điều kiện',
  ket_qua: 'Kết quả thực hiện',
  doi_tuong: 'Đối tượng thực hiện',
};

/**
 * How a text addresses the resident: `You` opens a sentence, `you` stands inside one. "Bạn" is written small inside a
 * sentence, as Vietnamese writes it; "Quý vị" keeps its capitals everywhere, as the honorific does.
 */
export function addressWords(form: AddressForm): { You: string; you: string } {
  return { You: form, you: form === 'Bạn' ? 'bạn' : form };
}

function count(n: number): string {
  return n.toLocaleString('vi-VN');
}

/** The reply texts for one form of address ("Bạn" or "Quý vị"). */
export function createReplies(form: AddressForm) {
  const { You, you } = addressWords(form);
  return {
    you: form,
    greeting: `Xin chào ${you}! Đây là trợ lý tiếp dân trực tuyến. ${You} có thể hỏi về thủ tục hành chính (hồ sơ, lệ phí, thời hạn, nơi nộp…), gửi phản ánh, kiến nghị hoặc tra cứu kết quả xử lý.`,
    help: (features: { intake: boolean; tracking: boolean }) =>
      [
        'Trợ lý có thể giúp:',
        '• Hỏi về thủ tục hành chính — cứ gõ câu hỏi, ví dụ: "Đăng ký khai sinh cần giấy tờ gì?"',
        features.intake
          ? '• Gửi phản ánh, kiến nghị, khiếu nại, tố cáo — gõ /phananh'
          : '• Gửi phản ánh, kiến nghị: tính năng này chưa được bật trên hệ thống',
        features.tracking ? '• Tra cứu kết quả xử lý — gửi mã tra cứu, ví dụ PA-2611-7K3QXW' : undefined,
        '• Gặp cán bộ — gõ /canbo',
        '• Đánh giá câu trả lời vừa nhận — gõ /danhgia, hoặc gõ "hữu ích" / "chưa đúng"',
        '• Xem hoặc xóa dữ liệu của mình — gõ /dulieu hoặc /xoadulieu',
        `Gõ "hủy" để dừng thao tác đang làm, "menu" để xem lại hướng dẫn này.`,
      ]
        .filter((line) => line !== undefined)
        .join('\n'),
    menuLabels: {
      ask: 'Hỏi thủ tục',
      petition: 'Gửi phản ánh, kiến nghị',
      track: 'Tra cứu mã phản ánh',
      human: 'Gặp cán bộ',
      privacy: 'Dữ liệu của tôi',
    },
    askPrompt: `Mời ${you} gõ câu hỏi về thủ tục hành chính, ví dụ: "Lệ phí đăng ký kết hôn là bao nhiêu?"`,
    thanks: `Cảm ơn ${you}. Nếu cần hỗ trợ thêm, ${you} cứ gửi câu hỏi.`,
    empty: `Tin nhắn trống. Mời ${you} gõ câu hỏi hoặc nội dung cần phản ánh, hoặc gõ "menu" để xem các lựa chọn.`,
    unreadable: `Xin lỗi, chúng tôi chưa đọc được nội dung này. Mời ${you} gõ câu hỏi bằng chữ, hoặc gõ "menu" để xem các lựa chọn.`,
    junkDropped: 'Tin nhắn có một số ký tự không đọc được; chúng tôi đã bỏ qua các ký tự đó.',
    truncated: (from: number, kept: number) =>
      `Tin nhắn dài ${count(from)} ký tự, vượt giới hạn; chúng tôi chỉ xét ${count(kept)} ký tự đầu.`,
    questionTruncated: (kept: number) =>
      `Câu hỏi quá dài nên chúng tôi chỉ tra cứu ${count(kept)} ký tự đầu. ${You} có thể hỏi ngắn gọn hơn để có kết quả chính xác.`,
    attachmentUnsupported: `Xin lỗi, chúng tôi chưa xem được nhãn dán, âm thanh, video hay tệp trong phần hỏi đáp. Mời ${you} gõ câu hỏi bằng chữ.`,
    contactNotNeeded: `Chúng tôi không cần số điện thoại để trả lời câu hỏi, nên thông tin liên hệ vừa gửi không được lưu. Mời ${you} gõ câu hỏi bằng chữ.`,
    mediaWithoutIntake: `Xin lỗi, hiện chúng tôi chưa nhận ảnh hay vị trí ngoài phần gửi phản ánh, và tính năng phản ánh chưa được bật. Mời ${you} gõ câu hỏi bằng chữ.`,
    mediaOfferIntake: `${You} muốn gửi ảnh/vị trí này kèm một phản ánh, kiến nghị không?`,
    attachmentsIgnored: 'Tệp đính kèm chỉ được nhận trong phần gửi phản ánh; chúng tôi chỉ xét phần chữ của tin nhắn.',
    failed: `Xin lỗi, hệ thống đang gặp sự cố khi xử lý tin nhắn. Mời ${you} thử lại sau ít phút.`,
    answererFailed: `Xin lỗi, hệ thống tra cứu đang gặp sự cố. Câu hỏi của ${you} đã được ghi lại để cán bộ xem xét; mời ${you} thử hỏi lại sau ít phút.`,
    emptyAnswer: `Chưa tìm thấy thông tin phù hợp. ${You} có thể hỏi cách khác hoặc chuyển câu hỏi cho cán bộ.`,
    rateLabels: { up: '👍 Hữu ích', down: '👎 Chưa đúng' },
    handToStaffLabel: 'Chuyển câu hỏi cho cán bộ',
    /** Under a short answer: the whole section it quoted one line of. */
    moreLabel: 'Xem đủ',
    /** The question a "Xem đủ" button asks about the document it names ("Xem đủ: Phí, lệ phí"). */
    wholeSectionQuestion: (aspect: string) => `Xem đủ: ${SECTION_NAMES[aspect] ?? 'thông tin thủ tục'}`,
    handToStaffDetailsLabel: 'Thêm chi tiết / để lại liên hệ',
    ratedUp: `Cảm ơn ${you} đã đánh giá!`,
    alreadyRated: `${You} đã đánh giá câu trả lời này rồi. Cảm ơn ${you}!`,
    ratingExpired: `Câu trả lời này đã cũ nên chúng tôi không ghi nhận được đánh giá. Cảm ơn ${you}!`,
    nothingToRate: `Chưa có câu trả lời nào để đánh giá. Mời ${you} gõ câu hỏi.`,
    nothingRecentToRate: `Chưa có câu trả lời nào gần đây để đánh giá. Mời ${you} gõ câu hỏi; sau mỗi câu trả lời, ${you} có thể bấm 👍 hoặc 👎 để đánh giá.`,
    ratePrompt: (question: string) =>
      `Câu trả lời cho câu hỏi "${question}" có hữu ích không? Mời ${you} bấm 👍 hoặc 👎 bên dưới, hoặc gõ "hữu ích" hay "chưa đúng".`,
    ratedDownNoted: 'Chúng tôi đã ghi nhận câu trả lời chưa đúng để cán bộ rà soát.',
    ratingReasonPrompt: 'Câu trả lời chưa đúng ở điểm nào? Mời chọn một ý bên dưới hoặc gõ vài chữ mô tả.',
    ratingReasonLabels: {
      wrong_procedure: 'Sai thủ tục',
      missing_info: 'Thiếu thông tin',
      incorrect: 'Thông tin chưa chính xác',
      unclear: 'Khó hiểu',
      skip: 'Bỏ qua',
    },
    ratingReasonThanks: `Cảm ơn ${you}, ý kiến đã được ghi lại để cán bộ rà soát và bổ sung câu trả lời.`,
    ratingReasonSkipped: `Cảm ơn ${you}, chúng tôi đã ghi nhận đánh giá.`,
    cancelLabel: 'Hủy',
    cancelled: `Đã hủy thao tác. ${You} có thể gõ câu hỏi khác hoặc gõ "menu" để xem các lựa chọn.`,
    nothingToCancel: `Hiện không có thao tác nào đang làm. Mời ${you} gõ câu hỏi hoặc gõ "menu".`,
    dialogAbandoned: 'Đã dừng thao tác đang làm dở.',
    dialogLost: 'Thao tác đang làm dở trước đó không tiếp tục được nữa, xin lỗi vì sự bất tiện.',
    staleButton: 'Nút này thuộc một bước trước và không còn hiệu lực.',
    unknownButton: `Nút này không còn hiệu lực. Mời ${you} gõ câu hỏi hoặc gõ "menu".`,
    chooseOne: 'Mời chọn một trong các lựa chọn bên dưới.',
    stepNeedsText: 'Bước này cần nội dung bằng chữ.',
    stepIgnoresAttachments: 'Bước này không nhận tệp đính kèm; chúng tôi chỉ xét phần chữ.',
    stepEmpty: 'Tin nhắn trống.',
    inDialogueHelp: 'Thao tác đang làm vẫn được giữ; gõ "hủy" nếu muốn dừng.',
    clarifyProcedure: (question: string) =>
      `${You} muốn hỏi "${question}" của thủ tục nào? Mời gõ tên thủ tục, ví dụ: "đăng ký khai sinh".`,
    clarifyNeedsName: 'Mời gõ tên thủ tục, ví dụ: "đăng ký kết hôn" hoặc "cấp lại căn cước".',
    handToStaffConfirm: (question: string, withTicket: boolean) =>
      withTicket
        ? `Chuyển câu hỏi sau cho cán bộ?\n"${question}"\nCâu hỏi sẽ thành một yêu cầu có mã tra cứu; câu trả lời của cán bộ sẽ được gửi về cuộc trò chuyện này.`
        : `Chuyển câu hỏi sau cho cán bộ?\n"${question}"\nCâu hỏi sẽ vào danh sách chờ để cán bộ xem xét và bổ sung vào kho hỏi đáp.`,
    handToStaffYes: 'Đồng ý chuyển',
    handToStaffNo: 'Không cần',
    handedToStaffQueue: `Đã chuyển câu hỏi vào danh sách chờ cán bộ xem xét. Hiện kênh này chưa gửi được câu trả lời riêng của cán bộ về cho ${you}; câu trả lời sẽ được bổ sung vào kho hỏi đáp để lần sau trả lời được. Nếu cần gấp, mời ${you} liên hệ trực tiếp Bộ phận tiếp nhận và trả kết quả.`,
    handToStaffDeclined: `Vâng. ${You} có thể hỏi cách khác hoặc gõ "menu" để xem các lựa chọn.`,
    handToStaffUnknown: `Không tìm thấy câu hỏi này nữa. Mời ${you} gõ lại câu hỏi.`,
    alreadyHanded: 'Câu hỏi này đã được chuyển cho cán bộ.',
    human: (options: { hasQuestion: boolean; intake: boolean; contact?: string | undefined }) =>
      [
        'Hiện chưa có cán bộ trực trò chuyện trực tiếp qua kênh này.',
        options.hasQuestion ? `${You} có thể chuyển câu hỏi vừa hỏi cho cán bộ bằng nút bên dưới.` : undefined,
        options.intake
          ? `Để cán bộ xử lý một vụ việc, ${you} có thể gửi phản ánh, kiến nghị (có mã tra cứu).`
          : undefined,
        options.contact ? `Liên hệ trực tiếp: ${options.contact}` : undefined,
      ]
        .filter((line) => line !== undefined)
        .join('\n'),
    intakeNotEnabled: `Xin lỗi, tính năng gửi phản ánh, kiến nghị qua kênh này chưa được bật. ${You} có thể gửi trực tiếp tại Bộ phận tiếp nhận và trả kết quả, hoặc tiếp tục hỏi về thủ tục tại đây.`,
    trackingNotEnabled: `Xin lỗi, tính năng tra cứu kết quả xử lý qua kênh này chưa được bật.`,
    offerIntake: (kind: 'petition' | 'complaint' | 'denunciation' | 'question') => {
      const label = { petition: 'phản ánh', complaint: 'khiếu nại', denunciation: 'tố cáo', question: 'câu hỏi' }[kind];
      return `Có vẻ ${you} muốn gửi ${label} về sự việc này. ${You} có muốn gửi ${label} với nội dung vừa nhắn không?`;
    },
    /** After answering the question in a message that also told a grievance (a delay, a harm, a wrong charge…). */
    offerIntakeAfterAnswer: (kind: 'petition' | 'complaint' | 'denunciation' | 'question') => {
      const label = { petition: 'phản ánh', complaint: 'khiếu nại', denunciation: 'tố cáo', question: 'câu hỏi' }[kind];
      return `${You} cũng nêu một sự việc cần cơ quan có thẩm quyền xem xét. ${You} có muốn gửi ${label} về sự việc đó không? Nội dung ${you} vừa nhắn sẽ được điền sẵn, và ${you} sẽ nhận mã tra cứu để theo dõi kết quả.`;
    },
    offerIntakeAfterAnswerNo: 'Không cần',
    offerIntakeAfterAnswerDeclined: `Vâng. Khi cần, ${you} có thể gửi phản ánh bất cứ lúc nào bằng cách gõ "phản ánh" hoặc chọn trong menu.`,
    offerIntakeYes: 'Gửi phản ánh',
    offerIntakeNo: 'Không, tôi muốn hỏi',
    offerIntakeLabel: (kind: 'petition' | 'complaint' | 'denunciation' | 'question') =>
      ({ petition: 'Gửi phản ánh', complaint: 'Gửi khiếu nại', denunciation: 'Gửi tố cáo', question: 'Gửi câu hỏi' })[
        kind
      ],
    trackPrompt: `Mời ${you} nhập mã tra cứu, ví dụ PA-2611-7K3QXW. (Mã hồ sơ thủ tục hành chính thì tra cứu trên Cổng dịch vụ công.)`,
    trackBadFormat: 'Mã chưa đúng dạng. Mã tra cứu gồm 2 chữ cái, 4 chữ số và 6 ký tự, ví dụ PA-2611-7K3QXW.',
    trackGaveUp: `Chưa nhận được mã hợp lệ. Khi có mã, ${you} cứ gửi mã vào đây để tra cứu.`,
    trackNotFound: (code: string) => `Không tìm thấy yêu cầu có mã ${code}. Mời ${you} kiểm tra lại mã.`,
    trackInvalid: (code: string) =>
      `Mã ${code} có vẻ bị gõ nhầm (ký tự kiểm tra không khớp). Mời ${you} kiểm tra lại từng ký tự.`,
    trackRateLimited: (seconds?: number) =>
      `${You} đã thử quá nhiều mã không đúng. Mời thử lại sau${seconds ? ` khoảng ${Math.ceil(seconds / 60)} phút` : ' ít phút'}.`,
    privacyReport: (summary: ResidentDataSummary, others: ResidentDataItem[]) => {
      const lines = [`Thông tin chúng tôi đang lưu về ${you}:`];
      if (!summary.hasResident && others.length === 0) return `Chúng tôi không lưu thông tin nào về ${you}.`;
      lines.push('• Mã người dùng của kênh trò chuyện (phần hỏi đáp không lưu tên, số điện thoại): 1');
      lines.push(`• Câu hỏi gần đây để hỏi tiếp: ${count(summary.recentQuestions)}`);
      lines.push(
        `• Đánh giá câu trả lời: ${count(summary.feedback)}${summary.feedbackComments > 0 ? ` (${count(summary.feedbackComments)} có ghi chú)` : ''}`,
      );
      lines.push(`• Câu hỏi đang chờ cán bộ xem xét: ${count(summary.queuedQuestions)}`);
      lines.push(`• Bản ghi tin nhắn đã xử lý (để không trả lời trùng): ${count(summary.processedMessages)}`);
      for (const item of others) {
        lines.push(`• ${item.label}: ${count(item.count)}`);
        for (const detail of item.details ?? []) lines.push(`   – ${detail}`);
      }
      lines.push(
        `Mục đích: trả lời câu hỏi, cải thiện câu trả lời và xử lý yêu cầu của chính ${you}; không dùng cho mục đích khác.`,
      );
      lines.push(`Để xóa dữ liệu cá nhân của mình, ${you} bấm "Xóa dữ liệu của tôi" hoặc gõ /xoadulieu.`);
      return lines.join('\n');
    },
    eraseLabel: 'Xóa dữ liệu của tôi',
    eraseConfirm: `${You} có chắc muốn xóa dữ liệu cá nhân chúng tôi đang lưu? Câu hỏi, đánh giá và thông tin cá nhân trong các yêu cầu đã gửi sẽ bị xóa; các yêu cầu vẫn được giữ phần nội dung sự việc (không kèm thông tin cá nhân) để cơ quan tiếp tục xử lý theo quy định.`,
    eraseYes: 'Xóa dữ liệu',
    eraseNo: 'Không xóa',
    erased: (keptIdentity: boolean) =>
      keptIdentity
        ? `Đã xóa dữ liệu cá nhân của ${you}. Chúng tôi chỉ giữ mã người dùng của kênh này để gửi kết quả các yêu cầu còn đang xử lý.`
        : `Đã xóa toàn bộ dữ liệu cá nhân của ${you}.`,
    eraseDeclined: 'Vâng, dữ liệu được giữ nguyên.',
  };
}

export type Replies = ReturnType<typeof createReplies>;
