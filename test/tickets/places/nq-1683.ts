// Nghị quyết 1683/NQ-UBTVQH15 (16/6/2025), Điều 1: each new xã/phường of Thái Nguyên and the old units it was formed
// from, as the resolution names them (its spelling: «Sỹ Bình», «Quan Triều», «Thần Xa»), with the old district from
// the national list before 1/7/2025 (the resolution does not name districts). Typed from the resolution, independently
// of settings/communes.yaml, so the tests check the settings against the law as well as the resolver.

export interface ResolutionClause {
  clause: number;
  name: string;
  olds: Array<{ name: string; district: string; part?: true }>;
}

export const NQ_1683: ResolutionClause[] = [
  {
    clause: 1,
    name: 'Xã Tân Cương',
    olds: [
      { name: 'Xã Thịnh Đức', district: 'Thành phố Thái Nguyên' },
      { name: 'Xã Bình Sơn', district: 'Thành phố Sông Công' },
      { name: 'Xã Tân Cương', district: 'Thành phố Thái Nguyên' },
    ],
  },
  {
    clause: 2,
    name: 'Xã Đại Phúc',
    olds: [
      { name: 'Thị trấn Hùng Sơn', district: 'Huyện Đại Từ' },
      { name: 'Xã Phúc Xuân', district: 'Thành phố Thái Nguyên' },
      { name: 'Xã Phúc Trìu', district: 'Thành phố Thái Nguyên' },
      { name: 'Xã Tân Thái', district: 'Huyện Đại Từ' },
      { name: 'Xã Phúc Tân', district: 'Thành phố Phổ Yên' },
    ],
  },
  {
    clause: 3,
    name: 'Xã Thành Công',
    olds: [
      { name: 'Xã Vạn Phái', district: 'Thành phố Phổ Yên' },
      { name: 'Xã Thành Công', district: 'Thành phố Phổ Yên' },
    ],
  },
  {
    clause: 4,
    name: 'Xã Định Hóa',
    olds: [
      { name: 'Thị trấn Chợ Chu', district: 'Huyện Định Hóa' },
      { name: 'Xã Phúc Chu', district: 'Huyện Định Hóa' },
      { name: 'Xã Bảo Linh', district: 'Huyện Định Hóa' },
      { name: 'Xã Đồng Thịnh', district: 'Huyện Định Hóa' },
    ],
  },
  {
    clause: 5,
    name: 'Xã Bình Yên',
    olds: [
      { name: 'Xã Trung Lương', district: 'Huyện Định Hóa' },
      { name: 'Xã Định Biên', district: 'Huyện Định Hóa' },
      { name: 'Xã Thanh Định', district: 'Huyện Định Hóa' },
      { name: 'Xã Bình Yên', district: 'Huyện Định Hóa' },
    ],
  },
  {
    clause: 6,
    name: 'Xã Trung Hội',
    olds: [
      { name: 'Xã Phú Tiến', district: 'Huyện Định Hóa' },
      { name: 'Xã Bộc Nhiêu', district: 'Huyện Định Hóa' },
      { name: 'Xã Trung Hội', district: 'Huyện Định Hóa' },
    ],
  },
  {
    clause: 7,
    name: 'Xã Phượng Tiến',
    olds: [
      { name: 'Xã Tân Dương', district: 'Huyện Định Hóa' },
      { name: 'Xã Tân Thịnh', district: 'Huyện Định Hóa' },
      { name: 'Xã Phượng Tiến', district: 'Huyện Định Hóa' },
    ],
  },
  {
    clause: 8,
    name: 'Xã Phú Đình',
    olds: [
      { name: 'Xã Điềm Mặc', district: 'Huyện Định Hóa' },
      { name: 'Xã Phú Đình', district: 'Huyện Định Hóa' },
    ],
  },
  {
    clause: 9,
    name: 'Xã Bình Thành',
    olds: [
      { name: 'Xã Sơn Phú', district: 'Huyện Định Hóa' },
      { name: 'Xã Bình Thành', district: 'Huyện Định Hóa' },
    ],
  },
  {
    clause: 10,
    name: 'Xã Kim Phượng',
    olds: [
      { name: 'Xã Quy Kỳ', district: 'Huyện Định Hóa' },
      { name: 'Xã Kim Phượng', district: 'Huyện Định Hóa' },
    ],
  },
  {
    clause: 11,
    name: 'Xã Lam Vỹ',
    olds: [
      { name: 'Xã Linh Thông', district: 'Huyện Định Hóa' },
      { name: 'Xã Lam Vỹ', district: 'Huyện Định Hóa' },
    ],
  },
  {
    clause: 12,
    name: 'Xã Võ Nhai',
    olds: [
      { name: 'Thị trấn Đình Cả', district: 'Huyện Võ Nhai' },
      { name: 'Xã Phú Thượng', district: 'Huyện Võ Nhai' },
      { name: 'Xã Lâu Thượng', district: 'Huyện Võ Nhai' },
    ],
  },
  {
    clause: 13,
    name: 'Xã Dân Tiến',
    olds: [
      { name: 'Xã Bình Long', district: 'Huyện Võ Nhai' },
      { name: 'Xã Phương Giao', district: 'Huyện Võ Nhai' },
      { name: 'Xã Dân Tiến', district: 'Huyện Võ Nhai' },
    ],
  },
  {
    clause: 14,
    name: 'Xã Nghinh Tường',
    olds: [
      { name: 'Xã Vũ Chấn', district: 'Huyện Võ Nhai' },
      { name: 'Xã Nghinh Tường', district: 'Huyện Võ Nhai' },
    ],
  },
  {
    clause: 15,
    name: 'Xã Thần Sa',
    olds: [
      { name: 'Xã Thượng Nung', district: 'Huyện Võ Nhai' },
      { name: 'Xã Thần Xa', district: 'Huyện Võ Nhai' },
    ],
  },
  {
    clause: 16,
    name: 'Xã La Hiên',
    olds: [
      { name: 'Xã Cúc Đường', district: 'Huyện Võ Nhai' },
      { name: 'Xã La Hiên', district: 'Huyện Võ Nhai' },
    ],
  },
  {
    clause: 17,
    name: 'Xã Tràng Xá',
    olds: [
      { name: 'Xã Liên Minh', district: 'Huyện Võ Nhai' },
      { name: 'Xã Tràng Xá', district: 'Huyện Võ Nhai' },
    ],
  },
  {
    clause: 18,
    name: 'Xã Phú Lương',
    olds: [
      { name: 'Thị trấn Đu', district: 'Huyện Phú Lương' },
      { name: 'Thị trấn Giang Tiên', district: 'Huyện Phú Lương' },
      { name: 'Xã Yên Lạc', district: 'Huyện Phú Lương' },
      { name: 'Xã Động Đạt', district: 'Huyện Phú Lương' },
    ],
  },
  {
    clause: 19,
    name: 'Xã Vô Tranh',
    olds: [
      { name: 'Xã Tức Tranh', district: 'Huyện Phú Lương' },
      { name: 'Xã Cổ Lũng', district: 'Huyện Phú Lương' },
      { name: 'Xã Phú Đô', district: 'Huyện Phú Lương' },
      { name: 'Xã Vô Tranh', district: 'Huyện Phú Lương' },
    ],
  },
  {
    clause: 20,
    name: 'Xã Yên Trạch',
    olds: [
      { name: 'Xã Yên Ninh', district: 'Huyện Phú Lương' },
      { name: 'Xã Yên Đổ', district: 'Huyện Phú Lương' },
      { name: 'Xã Yên Trạch', district: 'Huyện Phú Lương' },
    ],
  },
  {
    clause: 21,
    name: 'Xã Hợp Thành',
    olds: [
      { name: 'Xã Ôn Lương', district: 'Huyện Phú Lương' },
      { name: 'Xã Phủ Lý', district: 'Huyện Phú Lương' },
      { name: 'Xã Hợp Thành', district: 'Huyện Phú Lương' },
    ],
  },
  {
    clause: 22,
    name: 'Xã Đồng Hỷ',
    olds: [
      { name: 'Thị trấn Hóa Thượng', district: 'Huyện Đồng Hỷ' },
      { name: 'Thị trấn Sông Cầu', district: 'Huyện Đồng Hỷ' },
      { name: 'Xã Minh Lập', district: 'Huyện Đồng Hỷ' },
      { name: 'Xã Hóa Trung', district: 'Huyện Đồng Hỷ' },
    ],
  },
  {
    clause: 23,
    name: 'Xã Quang Sơn',
    olds: [
      { name: 'Xã Tân Long', district: 'Huyện Đồng Hỷ' },
      { name: 'Xã Quang Sơn', district: 'Huyện Đồng Hỷ' },
    ],
  },
  {
    clause: 24,
    name: 'Xã Trại Cau',
    olds: [
      { name: 'Thị trấn Trại Cau', district: 'Huyện Đồng Hỷ' },
      { name: 'Xã Hợp Tiến', district: 'Huyện Đồng Hỷ' },
    ],
  },
  {
    clause: 25,
    name: 'Xã Nam Hòa',
    olds: [
      { name: 'Xã Cây Thị', district: 'Huyện Đồng Hỷ' },
      { name: 'Xã Nam Hòa', district: 'Huyện Đồng Hỷ' },
    ],
  },
  {
    clause: 26,
    name: 'Xã Văn Hán',
    olds: [
      { name: 'Xã Khe Mo', district: 'Huyện Đồng Hỷ' },
      { name: 'Xã Văn Hán', district: 'Huyện Đồng Hỷ' },
    ],
  },
  {
    clause: 27,
    name: 'Xã Văn Lăng',
    olds: [
      { name: 'Xã Hòa Bình', district: 'Huyện Đồng Hỷ' },
      { name: 'Xã Văn Lăng', district: 'Huyện Đồng Hỷ' },
    ],
  },
  {
    clause: 28,
    name: 'Xã Đại Từ',
    olds: [
      { name: 'Xã Bình Thuận', district: 'Huyện Đại Từ' },
      { name: 'Xã Khôi Kỳ', district: 'Huyện Đại Từ' },
      { name: 'Xã Mỹ Yên', district: 'Huyện Đại Từ' },
      { name: 'Xã Lục Ba', district: 'Huyện Đại Từ' },
    ],
  },
  {
    clause: 29,
    name: 'Xã Đức Lương',
    olds: [
      { name: 'Xã Minh Tiến', district: 'Huyện Đại Từ' },
      { name: 'Xã Phúc Lương', district: 'Huyện Đại Từ' },
      { name: 'Xã Đức Lương', district: 'Huyện Đại Từ' },
    ],
  },
  {
    clause: 30,
    name: 'Xã Phú Thịnh',
    olds: [
      { name: 'Xã Bản Ngoại', district: 'Huyện Đại Từ' },
      { name: 'Xã Phú Cường', district: 'Huyện Đại Từ' },
      { name: 'Xã Phú Thịnh', district: 'Huyện Đại Từ' },
    ],
  },
  {
    clause: 31,
    name: 'Xã La Bằng',
    olds: [
      { name: 'Xã Hoàng Nông', district: 'Huyện Đại Từ' },
      { name: 'Xã Tiên Hội', district: 'Huyện Đại Từ' },
      { name: 'Xã La Bằng', district: 'Huyện Đại Từ' },
    ],
  },
  {
    clause: 32,
    name: 'Xã Phú Lạc',
    olds: [
      { name: 'Xã Phục Linh', district: 'Huyện Đại Từ' },
      { name: 'Xã Tân Linh', district: 'Huyện Đại Từ' },
      { name: 'Xã Phú Lạc', district: 'Huyện Đại Từ' },
    ],
  },
  {
    clause: 33,
    name: 'Xã An Khánh',
    olds: [
      { name: 'Xã Cù Vân', district: 'Huyện Đại Từ' },
      { name: 'Xã Hà Thượng', district: 'Huyện Đại Từ' },
      { name: 'Xã An Khánh', district: 'Huyện Đại Từ' },
    ],
  },
  {
    clause: 34,
    name: 'Xã Quân Chu',
    olds: [
      { name: 'Thị trấn Quân Chu', district: 'Huyện Đại Từ' },
      { name: 'Xã Cát Nê', district: 'Huyện Đại Từ' },
    ],
  },
  {
    clause: 35,
    name: 'Xã Vạn Phú',
    olds: [
      { name: 'Xã Văn Yên', district: 'Huyện Đại Từ' },
      { name: 'Xã Vạn Phú', district: 'Huyện Đại Từ' },
    ],
  },
  {
    clause: 36,
    name: 'Xã Phú Xuyên',
    olds: [
      { name: 'Xã Yên Lãng', district: 'Huyện Đại Từ' },
      { name: 'Xã Phú Xuyên', district: 'Huyện Đại Từ' },
    ],
  },
  {
    clause: 37,
    name: 'Xã Phú Bình',
    olds: [
      { name: 'Thị trấn Hương Sơn', district: 'Huyện Phú Bình' },
      { name: 'Xã Xuân Phương', district: 'Huyện Phú Bình' },
      { name: 'Xã Úc Kỳ', district: 'Huyện Phú Bình' },
      { name: 'Xã Nhã Lộng', district: 'Huyện Phú Bình' },
      { name: 'Xã Bảo Lý', district: 'Huyện Phú Bình' },
      { name: 'Xã Thượng Đình', district: 'Huyện Phú Bình', part: true },
    ],
  },
  {
    clause: 38,
    name: 'Xã Tân Thành',
    olds: [
      { name: 'Xã Tân Hòa', district: 'Huyện Phú Bình' },
      { name: 'Xã Tân Kim', district: 'Huyện Phú Bình' },
      { name: 'Xã Tân Thành', district: 'Huyện Phú Bình' },
    ],
  },
  {
    clause: 39,
    name: 'Xã Điềm Thụy',
    olds: [
      { name: 'Xã Hà Châu', district: 'Huyện Phú Bình' },
      { name: 'Xã Nga My', district: 'Huyện Phú Bình' },
      { name: 'Xã Điềm Thụy', district: 'Huyện Phú Bình' },
      { name: 'Xã Thượng Đình', district: 'Huyện Phú Bình', part: true },
    ],
  },
  {
    clause: 40,
    name: 'Xã Kha Sơn',
    olds: [
      { name: 'Xã Lương Phú', district: 'Huyện Phú Bình' },
      { name: 'Xã Tân Đức', district: 'Huyện Phú Bình' },
      { name: 'Xã Thanh Ninh', district: 'Huyện Phú Bình' },
      { name: 'Xã Dương Thành', district: 'Huyện Phú Bình' },
      { name: 'Xã Kha Sơn', district: 'Huyện Phú Bình' },
    ],
  },
  {
    clause: 41,
    name: 'Xã Tân Khánh',
    olds: [
      { name: 'Xã Bàn Đạt', district: 'Huyện Phú Bình' },
      { name: 'Xã Đào Xá', district: 'Huyện Phú Bình' },
      { name: 'Xã Tân Khánh', district: 'Huyện Phú Bình' },
    ],
  },
  {
    clause: 42,
    name: 'Xã Bằng Thành',
    olds: [
      { name: 'Xã Bộc Bố', district: 'Huyện Pác Nặm' },
      { name: 'Xã Nhạn Môn', district: 'Huyện Pác Nặm' },
      { name: 'Xã Giáo Hiệu', district: 'Huyện Pác Nặm' },
      { name: 'Xã Bằng Thành', district: 'Huyện Pác Nặm' },
    ],
  },
  {
    clause: 43,
    name: 'Xã Nghiên Loan',
    olds: [
      { name: 'Xã Xuân La', district: 'Huyện Pác Nặm' },
      { name: 'Xã An Thắng', district: 'Huyện Pác Nặm' },
      { name: 'Xã Nghiên Loan', district: 'Huyện Pác Nặm' },
    ],
  },
  {
    clause: 44,
    name: 'Xã Cao Minh',
    olds: [
      { name: 'Xã Công Bằng', district: 'Huyện Pác Nặm' },
      { name: 'Xã Cổ Linh', district: 'Huyện Pác Nặm' },
      { name: 'Xã Cao Tân', district: 'Huyện Pác Nặm' },
    ],
  },
  {
    clause: 45,
    name: 'Xã Ba Bể',
    olds: [
      { name: 'Xã Cao Thượng', district: 'Huyện Ba Bể' },
      { name: 'Xã Nam Mẫu', district: 'Huyện Ba Bể' },
      { name: 'Xã Khang Ninh', district: 'Huyện Ba Bể' },
    ],
  },
  {
    clause: 46,
    name: 'Xã Chợ Rã',
    olds: [
      { name: 'Thị trấn Chợ Rã', district: 'Huyện Ba Bể' },
      { name: 'Xã Thượng Giáo', district: 'Huyện Ba Bể' },
      { name: 'Xã Địa Linh', district: 'Huyện Ba Bể' },
    ],
  },
  {
    clause: 47,
    name: 'Xã Phúc Lộc',
    olds: [
      { name: 'Xã Bành Trạch', district: 'Huyện Ba Bể' },
      { name: 'Xã Hà Hiệu', district: 'Huyện Ba Bể' },
      { name: 'Xã Phúc Lộc', district: 'Huyện Ba Bể' },
    ],
  },
  {
    clause: 48,
    name: 'Xã Thượng Minh',
    olds: [
      { name: 'Xã Yến Dương', district: 'Huyện Ba Bể' },
      { name: 'Xã Chu Hương', district: 'Huyện Ba Bể' },
      { name: 'Xã Mỹ Phương', district: 'Huyện Ba Bể' },
    ],
  },
  {
    clause: 49,
    name: 'Xã Đồng Phúc',
    olds: [
      { name: 'Xã Quảng Khê', district: 'Huyện Ba Bể' },
      { name: 'Xã Hoàng Trĩ', district: 'Huyện Ba Bể' },
      { name: 'Xã Bằng Phúc', district: 'Huyện Chợ Đồn' },
      { name: 'Xã Đồng Phúc', district: 'Huyện Ba Bể' },
    ],
  },
  {
    clause: 50,
    name: 'Xã Bằng Vân',
    olds: [
      { name: 'Xã Thượng Ân', district: 'Huyện Ngân Sơn' },
      { name: 'Xã Bằng Vân', district: 'Huyện Ngân Sơn' },
    ],
  },
  {
    clause: 51,
    name: 'Xã Ngân Sơn',
    olds: [
      { name: 'Thị trấn Vân Tùng', district: 'Huyện Ngân Sơn' },
      { name: 'Xã Cốc Đán', district: 'Huyện Ngân Sơn' },
      { name: 'Xã Đức Vân', district: 'Huyện Ngân Sơn' },
    ],
  },
  {
    clause: 52,
    name: 'Xã Nà Phặc',
    olds: [
      { name: 'Thị trấn Nà Phặc', district: 'Huyện Ngân Sơn' },
      { name: 'Xã Trung Hòa', district: 'Huyện Ngân Sơn' },
    ],
  },
  {
    clause: 53,
    name: 'Xã Hiệp Lực',
    olds: [
      { name: 'Xã Thuần Mang', district: 'Huyện Ngân Sơn' },
      { name: 'Xã Hiệp Lực', district: 'Huyện Ngân Sơn' },
    ],
  },
  {
    clause: 54,
    name: 'Xã Nam Cường',
    olds: [
      { name: 'Xã Xuân Lạc', district: 'Huyện Chợ Đồn' },
      { name: 'Xã Đồng Lạc', district: 'Huyện Chợ Đồn' },
      { name: 'Xã Nam Cường', district: 'Huyện Chợ Đồn' },
    ],
  },
  {
    clause: 55,
    name: 'Xã Quảng Bạch',
    olds: [
      { name: 'Xã Tân Lập', district: 'Huyện Chợ Đồn' },
      { name: 'Xã Quảng Bạch', district: 'Huyện Chợ Đồn' },
    ],
  },
  {
    clause: 56,
    name: 'Xã Yên Thịnh',
    olds: [
      { name: 'Xã Bản Thi', district: 'Huyện Chợ Đồn' },
      { name: 'Xã Yên Thượng', district: 'Huyện Chợ Đồn' },
      { name: 'Xã Yên Thịnh', district: 'Huyện Chợ Đồn' },
    ],
  },
  {
    clause: 57,
    name: 'Xã Chợ Đồn',
    olds: [
      { name: 'Thị trấn Bằng Lũng', district: 'Huyện Chợ Đồn' },
      { name: 'Xã Ngọc Phái', district: 'Huyện Chợ Đồn' },
      { name: 'Xã Phương Viên', district: 'Huyện Chợ Đồn' },
      { name: 'Xã Bằng Lãng', district: 'Huyện Chợ Đồn' },
    ],
  },
  {
    clause: 58,
    name: 'Xã Yên Phong',
    olds: [
      { name: 'Xã Đại Sảo', district: 'Huyện Chợ Đồn' },
      { name: 'Xã Yên Mỹ', district: 'Huyện Chợ Đồn' },
      { name: 'Xã Yên Phong', district: 'Huyện Chợ Đồn' },
    ],
  },
  {
    clause: 59,
    name: 'Xã Nghĩa Tá',
    olds: [
      { name: 'Xã Lương Bằng', district: 'Huyện Chợ Đồn' },
      { name: 'Xã Bình Trung', district: 'Huyện Chợ Đồn' },
      { name: 'Xã Nghĩa Tá', district: 'Huyện Chợ Đồn' },
    ],
  },
  {
    clause: 60,
    name: 'Xã Phủ Thông',
    olds: [
      { name: 'Thị trấn Phủ Thông', district: 'Huyện Bạch Thông' },
      { name: 'Xã Vi Hương', district: 'Huyện Bạch Thông' },
      { name: 'Xã Tân Tú', district: 'Huyện Bạch Thông' },
      { name: 'Xã Lục Bình', district: 'Huyện Bạch Thông' },
    ],
  },
  {
    clause: 61,
    name: 'Xã Cẩm Giàng',
    olds: [
      { name: 'Xã Quân Hà', district: 'Huyện Bạch Thông' },
      { name: 'Xã Nguyên Phúc', district: 'Huyện Bạch Thông' },
      { name: 'Xã Mỹ Thanh', district: 'Huyện Bạch Thông' },
      { name: 'Xã Cẩm Giàng', district: 'Huyện Bạch Thông' },
    ],
  },
  {
    clause: 62,
    name: 'Xã Vĩnh Thông',
    olds: [
      { name: 'Xã Sỹ Bình', district: 'Huyện Bạch Thông' },
      { name: 'Xã Vũ Muộn', district: 'Huyện Bạch Thông' },
      { name: 'Xã Cao Sơn', district: 'Huyện Bạch Thông' },
    ],
  },
  {
    clause: 63,
    name: 'Xã Bạch Thông',
    olds: [
      { name: 'Xã Đồng Thắng', district: 'Huyện Chợ Đồn' },
      { name: 'Xã Dương Phong', district: 'Huyện Bạch Thông' },
      { name: 'Xã Quang Thuận', district: 'Huyện Bạch Thông' },
    ],
  },
  {
    clause: 64,
    name: 'Xã Phong Quang',
    olds: [
      { name: 'Xã Dương Quang', district: 'Thành phố Bắc Kạn' },
      { name: 'Xã Đôn Phong', district: 'Huyện Bạch Thông' },
    ],
  },
  {
    clause: 65,
    name: 'Xã Văn Lang',
    olds: [
      { name: 'Xã Kim Hỷ', district: 'Huyện Na Rì' },
      { name: 'Xã Lương Thượng', district: 'Huyện Na Rì' },
      { name: 'Xã Văn Lang', district: 'Huyện Na Rì' },
    ],
  },
  {
    clause: 66,
    name: 'Xã Cường Lợi',
    olds: [
      { name: 'Xã Văn Vũ', district: 'Huyện Na Rì' },
      { name: 'Xã Cường Lợi', district: 'Huyện Na Rì' },
    ],
  },
  {
    clause: 67,
    name: 'Xã Na Rì',
    olds: [
      { name: 'Thị trấn Yến Lạc', district: 'Huyện Na Rì' },
      { name: 'Xã Sơn Thành', district: 'Huyện Na Rì' },
      { name: 'Xã Kim Lư', district: 'Huyện Na Rì' },
    ],
  },
  {
    clause: 68,
    name: 'Xã Trần Phú',
    olds: [
      { name: 'Xã Văn Minh', district: 'Huyện Na Rì' },
      { name: 'Xã Cư Lễ', district: 'Huyện Na Rì' },
      { name: 'Xã Trần Phú', district: 'Huyện Na Rì' },
    ],
  },
  {
    clause: 69,
    name: 'Xã Côn Minh',
    olds: [
      { name: 'Xã Quang Phong', district: 'Huyện Na Rì' },
      { name: 'Xã Dương Sơn', district: 'Huyện Na Rì' },
      { name: 'Xã Côn Minh', district: 'Huyện Na Rì' },
    ],
  },
  {
    clause: 70,
    name: 'Xã Xuân Dương',
    olds: [
      { name: 'Xã Đổng Xá', district: 'Huyện Na Rì' },
      { name: 'Xã Liêm Thủy', district: 'Huyện Na Rì' },
      { name: 'Xã Xuân Dương', district: 'Huyện Na Rì' },
    ],
  },
  {
    clause: 71,
    name: 'Xã Tân Kỳ',
    olds: [
      { name: 'Xã Tân Sơn', district: 'Huyện Chợ Mới' },
      { name: 'Xã Cao Kỳ', district: 'Huyện Chợ Mới' },
      { name: 'Xã Hòa Mục', district: 'Huyện Chợ Mới' },
    ],
  },
  {
    clause: 72,
    name: 'Xã Thanh Mai',
    olds: [
      { name: 'Xã Thanh Vận', district: 'Huyện Chợ Mới' },
      { name: 'Xã Mai Lạp', district: 'Huyện Chợ Mới' },
      { name: 'Xã Thanh Mai', district: 'Huyện Chợ Mới' },
    ],
  },
  {
    clause: 73,
    name: 'Xã Thanh Thịnh',
    olds: [
      { name: 'Xã Nông Hạ', district: 'Huyện Chợ Mới' },
      { name: 'Xã Thanh Thịnh', district: 'Huyện Chợ Mới' },
    ],
  },
  {
    clause: 74,
    name: 'Xã Chợ Mới',
    olds: [
      { name: 'Thị trấn Đồng Tâm', district: 'Huyện Chợ Mới' },
      { name: 'Xã Quảng Chu', district: 'Huyện Chợ Mới' },
      { name: 'Xã Như Cố', district: 'Huyện Chợ Mới' },
    ],
  },
  {
    clause: 75,
    name: 'Xã Yên Bình',
    olds: [
      { name: 'Xã Yên Cư', district: 'Huyện Chợ Mới' },
      { name: 'Xã Bình Văn', district: 'Huyện Chợ Mới' },
      { name: 'Xã Yên Hân', district: 'Huyện Chợ Mới' },
    ],
  },
  {
    clause: 76,
    name: 'Phường Phan Đình Phùng',
    olds: [
      { name: 'Phường Trưng Vương', district: 'Thành phố Thái Nguyên' },
      { name: 'Phường Túc Duyên', district: 'Thành phố Thái Nguyên' },
      { name: 'Phường Đồng Quang', district: 'Thành phố Thái Nguyên' },
      { name: 'Phường Quang Trung', district: 'Thành phố Thái Nguyên' },
      { name: 'Phường Hoàng Văn Thụ', district: 'Thành phố Thái Nguyên' },
      { name: 'Phường Tân Thịnh', district: 'Thành phố Thái Nguyên' },
      { name: 'Phường Phan Đình Phùng', district: 'Thành phố Thái Nguyên' },
      { name: 'Phường Gia Sàng', district: 'Thành phố Thái Nguyên', part: true },
    ],
  },
  {
    clause: 77,
    name: 'Phường Linh Sơn',
    olds: [
      { name: 'Phường Chùa Hang', district: 'Thành phố Thái Nguyên' },
      { name: 'Phường Đồng Bẩm', district: 'Thành phố Thái Nguyên' },
      { name: 'Xã Cao Ngạn', district: 'Thành phố Thái Nguyên' },
      { name: 'Xã Huống Thượng', district: 'Thành phố Thái Nguyên' },
      { name: 'Xã Linh Sơn', district: 'Thành phố Thái Nguyên' },
    ],
  },
  {
    clause: 78,
    name: 'Phường Tích Lương',
    olds: [
      { name: 'Phường Trung Thành', district: 'Thành phố Thái Nguyên' },
      { name: 'Phường Phú Xá', district: 'Thành phố Thái Nguyên' },
      { name: 'Phường Tân Thành', district: 'Thành phố Thái Nguyên' },
      { name: 'Phường Tân Lập', district: 'Thành phố Thái Nguyên' },
      { name: 'Phường Tích Lương', district: 'Thành phố Thái Nguyên' },
      { name: 'Phường Cam Giá', district: 'Thành phố Thái Nguyên', part: true },
    ],
  },
  {
    clause: 79,
    name: 'Phường Gia Sàng',
    olds: [
      { name: 'Phường Hương Sơn', district: 'Thành phố Thái Nguyên' },
      { name: 'Xã Đồng Liên', district: 'Thành phố Thái Nguyên' },
      { name: 'Phường Gia Sàng', district: 'Thành phố Thái Nguyên', part: true },
      { name: 'Phường Cam Giá', district: 'Thành phố Thái Nguyên', part: true },
    ],
  },
  {
    clause: 80,
    name: 'Phường Quyết Thắng',
    olds: [
      { name: 'Phường Thịnh Đán', district: 'Thành phố Thái Nguyên' },
      { name: 'Xã Phúc Hà', district: 'Thành phố Thái Nguyên' },
      { name: 'Xã Quyết Thắng', district: 'Thành phố Thái Nguyên' },
    ],
  },
  {
    clause: 81,
    name: 'Phường Quan Triều',
    olds: [
      { name: 'Phường Tân Long', district: 'Thành phố Thái Nguyên' },
      { name: 'Phường Quang Vinh', district: 'Thành phố Thái Nguyên' },
      { name: 'Phường Quan Triều', district: 'Thành phố Thái Nguyên' },
      { name: 'Xã Sơn Cẩm', district: 'Thành phố Thái Nguyên' },
    ],
  },
  {
    clause: 82,
    name: 'Phường Sông Công',
    olds: [
      { name: 'Phường Thắng Lợi', district: 'Thành phố Sông Công' },
      { name: 'Phường Phố Cò', district: 'Thành phố Sông Công' },
      { name: 'Phường Cải Đan', district: 'Thành phố Sông Công' },
    ],
  },
  {
    clause: 83,
    name: 'Phường Bá Xuyên',
    olds: [
      { name: 'Phường Mỏ Chè', district: 'Thành phố Sông Công' },
      { name: 'Phường Châu Sơn', district: 'Thành phố Sông Công' },
      { name: 'Xã Bá Xuyên', district: 'Thành phố Sông Công' },
    ],
  },
  {
    clause: 84,
    name: 'Phường Bách Quang',
    olds: [
      { name: 'Phường Lương Sơn', district: 'Thành phố Sông Công' },
      { name: 'Phường Bách Quang', district: 'Thành phố Sông Công' },
      { name: 'Xã Tân Quang', district: 'Thành phố Sông Công' },
    ],
  },
  {
    clause: 85,
    name: 'Phường Phổ Yên',
    olds: [
      { name: 'Phường Ba Hàng', district: 'Thành phố Phổ Yên' },
      { name: 'Phường Hồng Tiến', district: 'Thành phố Phổ Yên' },
      { name: 'Phường Bãi Bông', district: 'Thành phố Phổ Yên' },
      { name: 'Phường Đắc Sơn', district: 'Thành phố Phổ Yên' },
    ],
  },
  {
    clause: 86,
    name: 'Phường Vạn Xuân',
    olds: [
      { name: 'Phường Nam Tiến', district: 'Thành phố Phổ Yên' },
      { name: 'Phường Đồng Tiến', district: 'Thành phố Phổ Yên' },
      { name: 'Phường Tân Hương', district: 'Thành phố Phổ Yên' },
      { name: 'Phường Tiên Phong', district: 'Thành phố Phổ Yên' },
    ],
  },
  {
    clause: 87,
    name: 'Phường Trung Thành',
    olds: [
      { name: 'Phường Trung Thành', district: 'Thành phố Phổ Yên' },
      { name: 'Phường Đông Cao', district: 'Thành phố Phổ Yên' },
      { name: 'Phường Tân Phú', district: 'Thành phố Phổ Yên' },
      { name: 'Phường Thuận Thành', district: 'Thành phố Phổ Yên' },
    ],
  },
  {
    clause: 88,
    name: 'Phường Phúc Thuận',
    olds: [
      { name: 'Phường Bắc Sơn', district: 'Thành phố Phổ Yên' },
      { name: 'Xã Minh Đức', district: 'Thành phố Phổ Yên' },
      { name: 'Xã Phúc Thuận', district: 'Thành phố Phổ Yên' },
    ],
  },
  {
    clause: 89,
    name: 'Phường Đức Xuân',
    olds: [
      { name: 'Phường Nguyễn Thị Minh Khai', district: 'Thành phố Bắc Kạn' },
      { name: 'Phường Huyền Tụng', district: 'Thành phố Bắc Kạn' },
      { name: 'Phường Đức Xuân', district: 'Thành phố Bắc Kạn' },
    ],
  },
  {
    clause: 90,
    name: 'Phường Bắc Kạn',
    olds: [
      { name: 'Phường Sông Cầu', district: 'Thành phố Bắc Kạn' },
      { name: 'Phường Phùng Chí Kiên', district: 'Thành phố Bắc Kạn' },
      { name: 'Phường Xuất Hóa', district: 'Thành phố Bắc Kạn' },
      { name: 'Xã Nông Thượng', district: 'Thành phố Bắc Kạn' },
    ],
  },
];

/** Khoản 91: units left as they were. */
export const UNCHANGED = ['Xã Sảng Mộc', 'Xã Thượng Quan'];
