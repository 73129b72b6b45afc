// `tiepdan zalo status`: is the Zalo OA channel configured, does its token chain work, and what must an admin do.
import type { Command } from 'commander';
import { BROKEN_ADVICE } from '../../channels/zalo/index.js';
import { type CliContext, print, printJson, setExitCode, withDatabase } from '../context.js';

function formatTime(date: Date | null | undefined): string {
  if (!date) return '—';
  return date.toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' });
}

export function registerZaloCommands(program: Command, context: CliContext): void {
  const zalo = program.command('zalo').description('Kênh Zalo Official Account');
  zalo
    .command('status')
    .description('Tình trạng kênh Zalo: cấu hình, token, tin nhắn bị chặn vì quá 7 ngày')
    .option('--json', 'in dạng JSON')
    .action(async (o: { json?: boolean }) => {
      // the database first: while the service runs, the command is handed to it and reads the service's settings
      await withDatabase(context, async (db) => {
        const config = context.config().zalo;
        if (!config.enabled) {
          if (o.json) printJson({ configured: false, state: 'not_configured' });
          else
            print(
              'Kênh Zalo chưa bật: đặt ZALO_APP_ID, ZALO_APP_SECRET, ZALO_OA_SECRET_KEY và ZALO_REFRESH_TOKEN (README: "Kết nối Zalo OA").',
            );
          return;
        }
        const token = await db.prisma.zaloToken.findUnique({ where: { id: 1 } });
        const residents = await db.prisma.zaloResident.count();
        const held = await db.prisma.outboxMessage.count({
          where: { channel: 'zalo', status: 'failed', lastError: { contains: 'zalo_window_closed' } },
        });
        const lastEvent = await db.prisma.zaloEvent.findFirst({ orderBy: { createdAt: 'desc' } });
        const state = !token?.refreshToken && !config.refreshToken ? 'missing' : token?.brokenReason ? 'broken' : 'ok';
        if (state !== 'ok') setExitCode(1);
        if (o.json) {
          printJson({
            configured: true,
            state,
            reason: token?.brokenReason ?? null,
            action: state === 'ok' ? null : BROKEN_ADVICE,
            accessTokenExpiresAt: token?.accessExpiresAt?.toISOString() ?? null,
            refreshedAt: token?.refreshedAt?.toISOString() ?? null,
            lastEventAt: lastEvent?.createdAt.toISOString() ?? null,
            residents,
            heldByClosedWindow: held,
          });
          return;
        }
        print(`Kênh Zalo: App ID ${config.appId}, webhook POST /zalo/webhook`);
        if (state === 'ok') {
          print(
            `Token: hoạt động. Access token hết hạn lúc ${formatTime(token?.accessExpiresAt)}, làm mới lần cuối ${formatTime(token?.refreshedAt)}.`,
          );
          if (!token?.accessToken) print('(Chưa lấy access token: sẽ lấy ở tin nhắn đầu tiên.)');
        } else {
          print(`Token: HỎNG — ${token?.brokenReason ?? 'chưa có refresh token'}.`);
          print(`Cần làm: ${BROKEN_ADVICE}`);
        }
        print(`Sự kiện gần nhất từ Zalo: ${formatTime(lastEvent?.createdAt)} · người dân đã nhắn: ${residents}`);
        if (held > 0)
          print(
            `${held} câu trả lời chưa gửi được vì người dân không nhắn trong 7 ngày: xem "tiepdan tickets outbox".`,
          );
      });
    });
}
