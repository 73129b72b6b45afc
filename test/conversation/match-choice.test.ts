// Typed answers to a step with buttons: a number, the label as typed on any keyboard, or a plain yes or no.
import { describe, expect, test } from 'vitest';
import { matchChoice } from '../../src/conversation/match-choice.js';

const erase = [
  { label: 'Xóa dữ liệu', value: 'yes' },
  { label: 'Không xóa', value: 'no' },
];
const reasons = [
  { label: 'Sai thủ tục', value: 'wrong_procedure' },
  { label: 'Thiếu thông tin', value: 'missing_info' },
  { label: 'Bỏ qua', value: 'skip' },
];

const picked = (text: string, choices = erase) => matchChoice(text, choices)?.value;

describe('matching typed text to a step’s choices', () => {
  test('a number picks the choice at that place; a number beyond the choices picks none', () => {
    expect(picked('2', reasons)).toBe('missing_info');
    expect(picked(' 1 ', reasons)).toBe('wrong_procedure');
    expect(picked('0', reasons)).toBeUndefined();
    expect(picked('4', reasons)).toBeUndefined();
  });

  test('the label typed with or without diacritics, in any case, picks that choice', () => {
    expect(picked('Sai thủ tục', reasons)).toBe('wrong_procedure');
    expect(picked('thieu thong tin', reasons)).toBe('missing_info');
    expect(picked('BỎ QUA', reasons)).toBe('skip');
    expect(picked('khong xoa')).toBe('no');
  });

  test('yes and no words answer a yes/no step, however they are written', () => {
    for (const yes of ['Có', 'có ạ', 'Đồng ý', 'vâng', 'ok', 'ừ', 'đúng', 'dung', 'Đúng rồi', 'phải'])
      expect(picked(yes), yes).toBe('yes');
    for (const no of ['Không', 'ko', 'không cần', 'thôi khỏi']) expect(picked(no), no).toBe('no');
  });

  test('yes and no words pick nothing where no choice means yes or no', () => {
    expect(picked('có', reasons)).toBeUndefined();
    expect(picked('không', reasons)).toBeUndefined();
  });

  test('other text, and text with nothing to read, picks nothing', () => {
    expect(picked('có lẽ')).toBeUndefined();
    expect(picked('tôi muốn hỏi về khai sinh')).toBeUndefined();
    expect(picked('')).toBeUndefined();
    expect(picked('!!!')).toBeUndefined();
  });
});
