// commander prints its own words in English ("Usage:", "Options:", "error: unknown option"); officers read Vietnamese.
import { type Command, Help } from 'commander';

const HEADINGS: Array<[RegExp, string]> = [
  [/^Usage:/gm, 'Cách dùng:'],
  [/^Options:$/gm, 'Tùy chọn:'],
  [/^Commands:$/gm, 'Lệnh:'],
  [/^Arguments:$/gm, 'Tham số:'],
  [/display help for command/g, 'xem hướng dẫn của lệnh'],
  [/\[options\]/g, '[tùy-chọn]'],
  [/\[command\]/g, '[lệnh]'],
  [/\(default: /g, '(mặc định: '],
  [/\(choices: /g, '(chọn một trong: '],
];

const ERRORS: Array<[RegExp, string]> = [
  [/^error: unknown option '(.+?)'(?:\n\(Did you mean (.+?)\?\))?/, "Lỗi: không có tùy chọn '$1'."],
  [/^error: unknown command '(.+?)'/, "Lỗi: không có lệnh '$1'."],
  [/^error: missing required argument '(.+?)'/, "Lỗi: thiếu tham số '$1'."],
  [/^error: option '(.+?)' argument missing/, "Lỗi: tùy chọn '$1' cần một giá trị."],
  [/^error: required option '(.+?)' not specified/, "Lỗi: thiếu tùy chọn bắt buộc '$1'."],
  [
    /^error: too many arguments(?: for '(.+?)')?\. Expected (\d+) arguments? but got (\d+)\./,
    'Lỗi: thừa tham số (lệnh nhận $2, nhận được $3).',
  ],
  [/^error: option '(.+?)' argument '(.+?)' is invalid\./, "Lỗi: giá trị '$2' của tùy chọn '$1' không hợp lệ."],
];

export function vietnameseHelpText(text: string): string {
  return HEADINGS.reduce((t, [pattern, words]) => t.replace(pattern, words), text);
}

export function vietnameseError(text: string): string {
  for (const [pattern, words] of ERRORS) if (pattern.test(text)) return `${text.replace(pattern, words).trimEnd()}\n`;
  return text.replace(/^error: /, 'Lỗi: ');
}

/** Help and errors of `command` and every subcommand, in Vietnamese. */
export function speakVietnamese(command: Command): void {
  const base = new Help();
  command.configureHelp({ formatHelp: (cmd, helper) => vietnameseHelpText(base.formatHelp(cmd, helper)) });
  command.helpOption('-h, --help', 'xem hướng dẫn của lệnh');
  for (const sub of command.commands) speakVietnamese(sub);
}
