// Vietnamese stop words for search: function words, pronouns and chat fillers that say nothing about the topic.

/**
 * Single syllables, lower case, canonical tone. Question words (bao nhiêu, ở đâu, mấy…) are here too:
 * they tell the aspect (detected separately), not the procedure.
 */
const STOP_WORDS = `
à ạ á ả ơi ơ ừ ừm ư ờ ô ồ nhé nhỉ nha nhá nhen vậy vầy thế thì là mà và với của cho các những một này
đó đấy kia ấy nọ nào gì đâu ai bao nhiêu mấy có không chẳng chưa được đã đang sẽ rồi cũng vẫn
còn nữa như để tôi tui tớ em anh chị mình bạn ad admin ông bà cô chú bác cháu chúng ta họ nó tại
từ đến tới về theo hay hoặc nhưng nếu khi vì do nên phải cần muốn xin hỏi vâng dạ ok oke okay ạk
ak ha hả hử hở nhờ giùm dùm ra vào lên xuống cái chiếc việc giờ đây kiểu làm rất lắm quá thật nhiều ít
mọi tất cả luôn liền ngay vừa đều cùng nhau nhằm
`;

/**
 * Stop words typed without diacritics that are not also a common content syllable: not dang (đăng), can (căn),
 * minh (chứng minh), cung (cung cấp), vay (vay vốn), nhi (nhi đồng), which accented text spells that way.
 */
const FOLDED_STOP_WORDS = `
va cua nhung cac mot nay nao gi khong ko k kg hok hem duoc roi nua hoac neu khi oi nhe
a j z ntn dau bn bnh nhieu hoi gium dum tui
`;

const words = (list: string) => list.split(/\s+/).filter((w) => w.length > 0);

const ACCENTED = new Set(words(STOP_WORDS).map((w) => w.normalize('NFC')));
const FOLDED = new Set(words(FOLDED_STOP_WORDS));

/** True for a normalised lower-case syllable that carries no topic (function word, pronoun, filler). */
export function isStopWord(token: string): boolean {
  if (ACCENTED.has(token)) return true;
  // FOLDED entries carry no diacritics, so a token equal to one of them was typed without accents
  return FOLDED.has(token);
}

/** Every stop word: the accented list, then the forms typed without accents (for the index fingerprint, docs, tests). */
export function stopWords(): string[] {
  return [...ACCENTED, ...FOLDED];
}
