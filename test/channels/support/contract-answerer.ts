// A two-procedure knowledge base behind the Answerer port, for the channel contract suite (the real engine runs on it).
import { type Answerer, type AskOptions, foldForMatching } from '../../../src/conversation/index.js';
import type { Answer } from '../../../src/knowledge/types.js';

const PROCEDURES = [
  {
    code: '1.001193',
    title: 'Đăng ký khai sinh',
    words: 'khai sinh',
    facts: {
      le_phi: 'Đăng ký khai sinh đúng hạn được miễn lệ phí.',
      ho_so: 'Hồ sơ gồm tờ khai đăng ký khai sinh và giấy chứng sinh <bản chính>.',
      tong_quan: 'Đăng ký khai sinh thực hiện tại UBND cấp xã & không mất phí.',
    },
  },
  {
    code: '1.000894',
    title: 'Đăng ký kết hôn',
    words: 'ket hon',
    facts: {
      le_phi: 'Đăng ký kết hôn được miễn lệ phí.',
      ho_so: 'Hồ sơ gồm tờ khai đăng ký kết hôn và giấy xác nhận tình trạng hôn nhân.',
      tong_quan: 'Đăng ký kết hôn thực hiện tại UBND cấp xã.',
    },
  },
] as const;

export class ContractAnswerer implements Answerer {
  async ask(question: string, options?: AskOptions): Promise<Answer> {
    const folded = foldForMatching(question);
    const procedure = options?.focusCode
      ? PROCEDURES.find((p) => p.code === options.focusCode)
      : PROCEDURES.find((p) => folded.includes(p.words));
    if (!procedure) {
      return {
        text: 'Chưa tìm thấy thông tin phù hợp trong cơ sở dữ liệu thủ tục.',
        abstained: true,
        aspect: 'none',
        docCodes: [],
        sources: [],
      };
    }
    const aspect = folded.includes('phi')
      ? 'le_phi'
      : folded.includes('giay to') || folded.includes('ho so')
        ? 'ho_so'
        : 'tong_quan';
    return {
      text: `${procedure.facts[aspect]}\nNguồn: ${procedure.title} (mã ${procedure.code})`,
      abstained: false,
      aspect,
      docCodes: [procedure.code],
      sources: [{ code: procedure.code, title: procedure.title }],
      focus: { code: procedure.code, title: procedure.title, level: 'xã' },
    };
  }
}
