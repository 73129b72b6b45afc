// Prisma-backed WebChatStore: tables WebChatSession and WebChatMessage.
import type { ChatLine, WebChatStore } from '../../channels/web/chat-store.js';
import type { ResidentDataHolder } from '../../conversation/index.js';
import type { Attachment, QuickReply } from '../../conversation/types.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { AppError } from '../../shared/errors.js';
import type { PrismaClient } from '../open-database.js';

interface Row {
  id: number;
  sender: string;
  text: string;
  quickReplies: Prisma.JsonValue;
  attachments: Prisma.JsonValue;
  replyToId: number | null;
  createdAt: Date;
}

const SELECT = {
  id: true,
  sender: true,
  text: true,
  quickReplies: true,
  attachments: true,
  replyToId: true,
  createdAt: true,
} as const;

function toLine(row: Row): ChatLine {
  return {
    id: row.id,
    sender: row.sender === 'resident' ? 'resident' : 'bot',
    text: row.text,
    quickReplies: (Array.isArray(row.quickReplies) ? row.quickReplies : []) as unknown as QuickReply[],
    attachments: (Array.isArray(row.attachments) ? row.attachments : []) as unknown as Attachment[],
    replyToId: row.replyToId,
    createdAt: row.createdAt,
  };
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'P2002';
}

export function createPrismaWebChatStore({ prisma }: { prisma: PrismaClient }): WebChatStore {
  return {
    async createSession(id) {
      await prisma.webChatSession.upsert({ where: { id }, create: { id }, update: { lastSeenAt: new Date() } });
    },

    async touchSession(sessionId) {
      const result = await prisma.webChatSession.updateMany({
        where: { id: sessionId },
        data: { lastSeenAt: new Date() },
      });
      return result.count > 0;
    },

    async hasSession(sessionId) {
      return (await prisma.webChatSession.count({ where: { id: sessionId } })) > 0;
    },

    async addResidentLine(sessionId, { text, clientMessageId, attachments }) {
      try {
        const row = await prisma.webChatMessage.create({
          data: {
            sessionId,
            sender: 'resident',
            text,
            clientMessageId: clientMessageId ?? null,
            ...(attachments && attachments.length > 0
              ? { attachments: attachments as unknown as Prisma.InputJsonValue }
              : {}),
          },
          select: SELECT,
        });
        return { line: toLine(row), isNew: true };
      } catch (error) {
        if (clientMessageId !== undefined && isUniqueViolation(error)) {
          const row = await prisma.webChatMessage.findUnique({
            where: { sessionId_clientMessageId: { sessionId, clientMessageId } },
            select: SELECT,
          });
          if (row) return { line: toLine(row), isNew: false };
        }
        if ((error as { code?: unknown } | null)?.code === 'P2003') {
          throw new AppError('NOT_FOUND', `web chat session not found`, {
            userMessage: 'Phiên trò chuyện đã hết hạn. Vui lòng tải lại trang.',
          });
        }
        throw error;
      }
    },

    async addBotLines(sessionId, lines, replyToId) {
      if (lines.length === 0) return [];
      try {
        const rows = await prisma.webChatMessage.createManyAndReturn({
          data: lines.map((l) => ({
            sessionId,
            sender: 'bot',
            text: l.text,
            quickReplies: l.quickReplies as unknown as Prisma.InputJsonValue,
            attachments: l.attachments as unknown as Prisma.InputJsonValue,
            replyToId,
          })),
          select: SELECT,
        });
        return rows.map(toLine).sort((a, b) => a.id - b.id);
      } catch (error) {
        if ((error as { code?: unknown } | null)?.code === 'P2003') {
          throw new AppError('NOT_FOUND', `web chat session not found`, {
            userMessage: 'Phiên trò chuyện không còn tồn tại.',
          });
        }
        throw error;
      }
    },

    async repliesTo(sessionId, residentLineId) {
      const rows = await prisma.webChatMessage.findMany({
        where: { sessionId, replyToId: residentLineId, sender: 'bot' },
        orderBy: { id: 'asc' },
        select: SELECT,
      });
      return rows.map(toLine);
    },

    async listAfter(sessionId, afterId, limit) {
      const rows = await prisma.webChatMessage.findMany({
        where: { sessionId, id: { gt: afterId } },
        orderBy: { id: 'asc' },
        take: limit,
        select: SELECT,
      });
      return rows.map(toLine);
    },

    async sessionsWithLinesAfter(afterId) {
      if (afterId === undefined) {
        const newest = await prisma.webChatMessage.aggregate({ _max: { id: true } });
        return { sessionIds: [], maxId: newest._max.id ?? 0 };
      }
      const rows = await prisma.webChatMessage.groupBy({
        by: ['sessionId'],
        where: { id: { gt: afterId } },
        _max: { id: true },
      });
      return {
        sessionIds: rows.map((r) => r.sessionId),
        maxId: rows.reduce((max, r) => Math.max(max, r._max.id ?? 0), afterId),
      };
    },

    async deleteSession(sessionId) {
      const result = await prisma.webChatSession.deleteMany({ where: { id: sessionId } });
      return result.count > 0;
    },

    async pruneIdle(before) {
      const result = await prisma.webChatSession.deleteMany({ where: { lastSeenAt: { lt: before } } });
      return result.count;
    },
  };
}

/**
 * The web transcripts as a ResidentDataHolder of the conversation core: "what do you keep about me?" counts them,
 * "delete my data" deletes them (the session itself holds nothing personal and stays, so the chat keeps working).
 */
export function createPrismaWebChatDataHolder({ prisma }: { prisma: PrismaClient }): ResidentDataHolder {
  const sessionOf = async (residentId: number): Promise<string | undefined> => {
    const resident = await prisma.resident.findUnique({
      where: { id: residentId },
      select: { channel: true, channelUserId: true },
    });
    return resident?.channel === 'web' ? resident.channelUserId : undefined;
  };
  return {
    async describeResidentData({ residentId }) {
      const sessionId = await sessionOf(residentId);
      if (sessionId === undefined) return [];
      const count = await prisma.webChatMessage.count({ where: { sessionId } });
      return [{ label: 'Tin nhắn trong cuộc trò chuyện trên trang web', count }];
    },
    async eraseResidentData({ residentId }) {
      const sessionId = await sessionOf(residentId);
      if (sessionId !== undefined) await prisma.webChatMessage.deleteMany({ where: { sessionId } });
      return { keepIdentity: false };
    },
  };
}
