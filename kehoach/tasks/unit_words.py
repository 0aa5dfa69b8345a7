"""The word lists behind ``names`` and ``unit_lists``: heads of bodies, group nouns, predicates (Vietnamese data).

Every phrase is folded when ``names`` and ``unit_lists`` compile its patterns, so tone placement and case do not matter
here; "Capitalised" below means the first letter must be upper case *in the text*.
"""
from __future__ import annotations

#: Heads of a named body. After a separator they start a new unit only when written with a capital
#: ("Sở Y tế", not "sở, ngành"); see LOWERCASE_HEADS for the exceptions.
BODY_HEADS: tuple[str, ...] = (
    "ban cán sự đảng", "ban chấp hành", "ban chỉ đạo", "ban chỉ huy", "ban quản lý", "ban thường vụ",
    "ban thường trực", "ban công tác", "ban", "bộ chỉ huy", "bộ đội biên phòng", "bộ tư lệnh", "bộ",
    "sở", "ủy ban nhân dân", "ủy ban kiểm tra", "ủy ban", "hội đồng nhân dân", "hội đồng",
    "hội liên hiệp", "hội", "hiệp hội", "văn phòng", "công an", "cảnh sát", "đài", "báo",
    "thông tấn xã", "cổng thông tin", "liên đoàn", "liên hiệp", "liên minh", "đoàn thanh niên",
    "đoàn đại biểu", "đoàn", "thành đoàn", "tỉnh đoàn", "huyện đoàn", "đảng ủy", "đảng đoàn",
    "đảng bộ", "tỉnh ủy", "thành ủy", "huyện ủy", "quận ủy", "thị ủy", "quân ủy", "chi bộ",
    "thanh tra", "kho bạc", "tổng cục", "chi cục", "cục", "học viện", "viện kiểm sát", "viện",
    "trường", "đại học", "trung tâm", "ngân hàng", "bảo hiểm xã hội", "tòa án", "quân khu",
    "quân đoàn", "mặt trận", "phòng", "tập đoàn", "tổng công ty", "công ty", "hợp tác xã",
    "bệnh viện", "chính phủ", "quốc hội", "thủ tướng", "thường trực", "tổ đảng", "tổ", "thuế",
    "hải quan", "kiểm toán nhà nước", "trung ương", "chi nhánh", "cơ quan thường trực",
    "trạm", "đội", "hạt kiểm lâm", "xí nghiệp", "nhà xuất bản", "vụ",
)

#: Heads of a person or office holder ("Giám đốc Sở Y tế", "Trưởng thôn", "các đ/c Phó chủ tịch").
PERSON_HEADS: tuple[str, ...] = (
    "người đứng đầu", "người có nghĩa vụ", "thủ trưởng", "lãnh đạo", "chủ tịch", "phó chủ tịch",
    "giám đốc", "phó giám đốc", "bộ trưởng", "thứ trưởng", "trưởng ban", "trưởng đoàn", "trưởng",
    "phó", "chủ nhiệm", "tổ trưởng", "đồng chí", "đ/c", "chuyên viên", "cán bộ", "bí thư",
    "phó bí thư", "chánh văn phòng", "chánh thanh tra", "tư lệnh", "chỉ huy trưởng", "thành viên",
    "đầu mối", "thư ký", "ông", "bà",
)

#: Heads that start a new unit even in lower case ("..., ban cán sự đảng các bộ, ngành và tỉnh ủy ...").
LOWERCASE_HEADS: tuple[str, ...] = (
    "ban cán sự đảng", "đảng đoàn", "đảng ủy", "tỉnh ủy", "thành ủy", "huyện ủy", "ủy ban nhân dân",
    "hội đồng nhân dân", "người đứng đầu", "thủ trưởng", "lãnh đạo", "chủ tịch", "giám đốc",
)

#: Heads that name a body only when the next word is capitalised or a place word ("Thanh tra tỉnh",
#: "Lãnh đạo các cơ quan"), not when it is a verb ("Thanh tra, kiểm tra ...", "Lãnh đạo, chỉ đạo ...").
STRICT_HEADS: tuple[str, ...] = (
    "thanh tra", "lãnh đạo", "phòng", "tổ", "trung ương", "đại học", "thuế", "thường trực", "trưởng",
    "phó", "chi nhánh", "đoàn", "báo", "đài", "đầu mối", "đội", "trạm", "vụ",
)

#: Words after a strict head that still make it a body.
STRICT_NEXT: tuple[str, ...] = (
    "tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "đặc khu", "sở", "bộ", "các",
    "cơ quan", "đơn vị", "chính phủ", "thôn", "ấp", "bản", "tổ dân phố", "cấp", "đoàn thể",
    "chuyên trách", "công tác", "giúp việc", "kiểm tra", "giám sát", "đảng", "dân phố",
)

#: Words that turn a head into something else: "Ban hành", "Báo cáo", "Bộ tiêu chí", "Trường hợp".
NOT_A_HEAD: tuple[str, ...] = (
    "ban hành", "ban đầu", "ban ngày", "báo cáo", "báo chí", "bộ máy", "bộ tiêu chí", "bộ chỉ số",
    "bộ chỉ tiêu", "bộ công cụ", "bộ luật", "bộ thủ tục", "bộ tài liệu", "bộ câu hỏi", "bộ mẫu",
    "bộ hồ sơ", "bộ sách", "bộ dữ liệu", "bộ nhận diện", "bộ quy tắc", "bộ tiêu chuẩn", "hội nghị",
    "hội nhập", "hội thảo", "hội thi", "hội diễn",
    "hội chợ", "hội họp", "hội viên", "đội ngũ", "đoàn kết", "đoàn viên", "phòng chống", "phòng ngừa",
    "phòng tránh", "phòng cháy", "phòng, chống", "phòng thủ", "trường hợp", "tổ chức", "đài tưởng niệm",
    "cục bộ", "trung tâm hóa",
)

#: Words after "tổ chức" that make it a noun, not the verb "organise" ("tổ chức quốc tế",
#: "tổ chức liên quan" but "Tổ chức học tập ...").
ORGANISATION_NEXT: tuple[str, ...] = (
    "quốc tế", "liên quan", "có liên quan", "khác", "hữu quan", "xã hội", "chính trị", "thành viên",
    "đoàn thể", "nghề nghiệp", "tôn giáo", "phi chính phủ", "tín dụng", "kinh tế", "khoa học",
    "đảng", "cơ sở đảng", "công đoàn", "quần chúng", "đại diện", "kiểm định", "đánh giá sự phù hợp",
)

#: Heads of bodies named after their purpose, whose name goes on with a verb: "Ban Chỉ đạo thực
#: hiện hỗ trợ nhà ở ...", "Tổ công tác triển khai Đề án 06", "Hội đồng thẩm định ...".
PURPOSE_HEADS: tuple[str, ...] = ("ban chỉ đạo", "ban chỉ huy", "hội đồng", "tổ công tác", "tổ giúp việc")

#: Verbs that, right after a purpose head, are still the sentence's predicate ("Ban Chỉ đạo chủ trì").
PURPOSE_HEAD_VERBS: tuple[str, ...] = (
    "chủ trì", "chỉ đạo", "phối hợp", "tham mưu", "hướng dẫn", "có trách nhiệm", "chịu trách nhiệm",
    "là cơ quan", "chủ động", "kịp thời", "thường xuyên", "định kỳ",
)

#: Plural nouns after "các"/"những" that name bodies ("các sở", "các tỉnh Thái Nguyên, Bắc Giang").
ORG_NOUNS: tuple[str, ...] = (
    "sở", "bộ", "ban", "ngành", "cơ quan", "đơn vị", "địa phương", "tỉnh", "thành phố", "huyện", "quận",
    "thị xã", "xã", "phường", "thị trấn", "đặc khu", "thôn", "ấp", "bản", "tổ dân phố", "khu phố",
    "tổ chức", "đoàn thể", "doanh nghiệp", "hợp tác xã", "hội", "chi hội", "hiệp hội", "trường", "nhà trường",
    "cơ sở", "trung tâm", "bệnh viện", "viện", "cục", "chi cục", "tổng cục", "phòng", "cấp",
    "chi bộ", "đảng bộ", "đảng ủy", "đảng đoàn", "ban cán sự đảng", "tccs", "tổ chức cơ sở đảng",
    "đồng chí", "đ/c", "thành viên", "chuyên viên", "cán bộ", "ủy ban", "ubnd", "đoàn", "đội",
    "đại biểu", "nước", "quân khu", "quân đoàn", "tập đoàn", "tổng công ty", "công ty", "ngân hàng",
    "báo", "đài", "tỉnh ủy", "thành ủy", "huyện ủy", "bộ phận", "lực lượng", "ban quản lý", "ban đảng",
    "thủ trưởng", "giám đốc", "chủ tịch", "phó chủ tịch", "lãnh đạo", "người đứng đầu", "bộ trưởng",
    "nhà khoa học", "chủ đầu tư", "tổ", "ban chỉ đạo", "hội đồng", "liên đoàn", "kho bạc",
    "chi nhánh", "văn phòng", "cấp ủy", "cá nhân", "hộ gia đình", "tổ chức thành viên", "quân đội",
    "học viện", "đại học", "trường đại học", "cơ sở đào tạo", "cơ sở giáo dục", "chủ thể",
)

#: Words after "các <noun>" that show it is not a body after all ("các cơ sở dữ liệu").
NOT_ORG_AFTER: tuple[str, ...] = (
    "trường hợp", "cơ sở dữ liệu", "cấp độ", "đơn vị hành chính", "ngành, lĩnh vực", "ngành nghề",
    "ngành kinh tế",
)

#: Lower-case group nouns that begin a unit of their own after a named body
#: ("Sở Tài chính và cơ quan, địa phương liên quan").
BARE_NOUNS: tuple[str, ...] = (
    "cơ quan", "đơn vị", "địa phương", "tổ chức", "doanh nghiệp", "cá nhân", "đoàn thể", "hợp tác xã",
    "sở", "ban", "ngành", "bộ", "chính quyền", "cấp ủy", "hội", "hiệp hội", "trường", "nhà trường",
    "lực lượng", "tập đoàn", "tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường",
)

#: Group nouns that may open a sentence's subject ("Cơ quan, tổ chức, đơn vị ... thực hiện ...");
#: place words are left out ("Xã hội hóa ..." is no subject).
SUBJECT_NOUNS: tuple[str, ...] = (
    "cơ quan", "đơn vị", "địa phương", "doanh nghiệp", "cá nhân", "đoàn thể", "hợp tác xã", "ngành",
    "chính quyền", "cấp ủy", "lực lượng", "nhà trường", "tập đoàn", "hiệp hội",
)

#: Lower-case nouns that begin a new group even after a group ("Các bộ, ngành, địa phương" is
#: "Các bộ, ngành" + "địa phương"; "Các sở, ban, ngành, tổ chức chính trị - xã hội" is two).
NEW_GROUP_NOUNS: tuple[str, ...] = ("địa phương", "tổ chức")

#: Common nouns that a shared trailing modifier binds into one unit ("Các bộ, ngành, địa phương
#: liên quan" is one unit); see SHARED_MODIFIER_RE.
LIST_NOUNS: tuple[str, ...] = BARE_NOUNS + ("đặc khu", "thị trấn", "thôn", "ấp", "tổ dân phố")

#: Words that end the name of a body: its place word ("Ủy ban nhân dân xã", "Công an tỉnh") or the
#: modifier closing a group ("các đơn vị có liên quan"). A lower-case word after one ends the name
#: (and a list of bodies) unless it is a NAME_TAIL_WORDS word: "Ủy ban nhân dân tỉnh| xem xét ...",
#: "phối hợp với các đơn vị liên quan| mở lớp ...".
NAME_END_WORDS: tuple[str, ...] = (
    "tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn", "đặc khu",
    "liên quan", "hữu quan",
)

#: Words that go on with a body's name after its place word: "Ủy ban nhân dân xã| nơi người đó cư
#: trú", "các tỉnh, thành phố| trực thuộc Trung ương", "Huyện| đoàn", "Bảo hiểm xã| hội tỉnh".
NAME_TAIL_WORDS: tuple[str, ...] = (
    "nơi", "có", "liên quan", "hữu quan", "trên", "thuộc", "trực thuộc", "của", "ở", "tại", "và", "hoặc",
    "cùng", "các", "cấp", "khu vực", "chi nhánh", "theo", "đó", "này", "vùng", "biên giới", "đặc biệt",
    "được", "giáp", "ven", "miền", "mới", "ủy", "đoàn", "đội", "hội", "khác", "đến", "tới",
)

#: Acronyms that are not bodies ("CSDL" is a database), so "..., CSDL chuyên ngành" is not cut.
NOT_BODY_ACRONYMS: frozenset[str] = frozenset({
    "CSDL", "CSDLQG", "CNTT", "KHCN", "ĐMST", "CĐS", "KT-XH", "KTXH", "AI", "IOT", "GDP", "GRDP",
    "PCI", "PAPI", "ICT", "QPPL", "VBQPPL", "TTHC", "NQ", "TW", "QĐ", "KH", "TT", "STT", "TT-BTC",
})

#: What a sentence's predicate may start with, after the subject: the assigning verbs and the
#: adverbials that come before them ("Các Sở, ngành, địa phương định kỳ hằng năm báo cáo ...").
PREDICATE_STARTS: tuple[str, ...] = (
    "chủ trì", "phối hợp", "có trách nhiệm", "chịu trách nhiệm", "xây dựng", "tổ chức", "thực hiện", "xác định",
    "tiến hành", "tham mưu", "hướng dẫn", "chỉ đạo", "triển khai", "theo dõi", "kiểm tra", "căn cứ", "cần cứ",
    "tập trung", "bố trí", "ban hành", "rà soát", "báo cáo", "tuyên truyền", "là cơ quan",
    "là đơn vị", "là đầu mối", "chủ động", "tích cực", "khẩn trương", "kịp thời", "thường xuyên",
    "định kỳ", "hằng năm", "hàng năm", "hằng quý", "hàng quý", "hằng tháng", "hàng tháng",
    "tăng cường", "đẩy mạnh", "nâng cao", "nêu cao", "tiếp tục", "phải", "cần", "nghiên cứu",
    "đề xuất", "tổng hợp", "lập kế hoạch", "lập danh sách", "lập dự toán", "lập hồ sơ", "trình cấp",
    "cập nhật", "hỗ trợ", "giám sát", "đôn đốc", "quản lý", "bảo đảm", "đảm bảo", "thẩm định",
    "phê duyệt", "cung cấp", "tiếp nhận", "xử lý", "đăng tải", "phổ biến", "quán triệt",
    "lãnh đạo", "vận động", "huy động", "sử dụng", "tham gia", "mở thêm", "mở rộng", "tiên phong",
    "dẫn dắt", "ưu tiên", "kiện toàn", "phát động", "phát huy", "thúc đẩy", "duy trì", "thành lập",
    "gửi", "phân công", "chuẩn bị", "đánh giá", "sơ kết", "tổng kết", "khảo sát", "điều tra",
    "nghiêm túc", "trực tiếp", "trong phạm vi", "trong quá trình", "trên cơ sở", "theo chức năng",
    "theo thẩm quyền", "theo nhiệm vụ", "theo lĩnh vực", "theo địa bàn", "khi có", "nếu có", "sau khi", "giúp", "hoàn thành", "bổ sung",
    "sửa đổi", "thiết kế", "biên soạn", "phát hành", "kiến nghị", "tiếp thu", "hoàn thiện",
    "ứng dụng", "kết nối", "chia sẻ", "tích hợp", "công khai", "lồng ghép", "tạo điều kiện",
    "vận hành", "lắp đặt", "đầu tư", "bồi dưỡng", "đào tạo", "tập huấn", "phân bổ", "cân đối", "kiểm soát",
    "phát hiện", "ngăn chặn", "điều phối", "quyết định", "đề nghị", "nắm", "làm việc", "yêu cầu",
    "giao", "giao cho", "bàn giao", "chuyển giao", "thống nhất", "họp", "trao đổi", "phản ánh", "tập hợp", "đều", "đã", "sẽ", "chưa", "vẫn", "cũng", "luôn",
    "đang",
)

#: Predicate starts that count only before a capitalised word or "các": "UBND tỉnh giao| Sở Y tế",
#: not "Cảnh sát giao thông", "Bộ Ngoại giao".
BEFORE_BODY_PREDICATES: tuple[str, ...] = ("giao",)

#: Predicates that end the subject even inside a relative clause ("Các cơ quan được phân công chủ
#: trì thực hiện nhiệm vụ theo Kế hoạch này có trách nhiệm ...").
STRONG_PREDICATES: tuple[str, ...] = (
    "có trách nhiệm", "chịu trách nhiệm", "phải", "chủ động", "là cơ quan", "là đơn vị", "là đầu mối",
)

#: Words that, in a subject, are nouns when they follow a list separator or "các"
#: ("..., lãnh đạo các cơ quan thuộc UBTVQH, ...", "các tổ chức ...").
NOUN_OR_VERB: tuple[str, ...] = ("tổ chức", "lãnh đạo", "thanh tra", "kiểm tra", "báo cáo", "giám sát")

#: Prefixes of an assigning sentence that are not part of its subject.
ASSIGN_PREFIXES: tuple[str, ...] = ("giao cho", "giao", "kính đề nghị", "đề nghị", "yêu cầu", "khuyến khích")

#: Common family names, where one full name ends and the next begins in a cell that runs several
#: names together ("Đỗ Mạnh Cường Vũ Việt Linh").
FAMILY_NAMES: frozenset[str] = frozenset({
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
    "Dương", "Lý", "Đinh", "Đào", "Trịnh", "Mai", "Lương", "Lưu", "Cao", "Tạ", "Hà", "Đoàn", "Trương", "Quách",
    "Lâm", "Tô", "Thái", "Châu", "Chu", "Kiều", "Triệu", "Lò", "Lục", "Vi", "Nông", "Hứa", "Âu",
})
