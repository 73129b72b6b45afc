// "What do you keep about me?": categories and counts of what every context holds about one resident.
import type {
  ConversationContext,
  ConversationStore,
  ResidentDataHolder,
  ResidentDataItem,
  ResidentDataSummary,
} from './ports.js';

export interface DescribeResidentDataOptions {
  store: ConversationStore;
  holders: ResidentDataHolder[];
  residentId: number;
  /** The live context of this turn (fresher than the stored one). */
  context: ConversationContext;
}

export async function describeResidentData({
  store,
  holders,
  residentId,
  context,
}: DescribeResidentDataOptions): Promise<{ summary: ResidentDataSummary; others: ResidentDataItem[] }> {
  const stored = await store.describeResidentData(residentId);
  const recentQuestions = context.answers?.length ?? 0;
  const summary: ResidentDataSummary = {
    ...stored,
    recentQuestions,
    hasConversationState: stored.hasConversationState || recentQuestions > 0 || context.focus !== undefined,
  };
  const others: ResidentDataItem[] = [];
  for (const holder of holders) others.push(...(await holder.describeResidentData({ residentId })));
  return { summary, others: others.filter((item) => item.count > 0) };
}
