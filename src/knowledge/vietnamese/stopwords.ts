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

/** Stop words typed without diacritics that are not also a common content syllable (dang = đăng, can = căn…). */
const FOLDED_STOP_WORDS = `
va cua nhung cac mot nay nao gi khong ko k kg hok hem duoc roi cung nua minh hoac neu khi vay oi nhe nhi
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

/** The stop-word list (for documentation and tests). */
export function stopWords(): string[] {
  return [...ACCENTED];
}
