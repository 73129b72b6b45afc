// Public face of the tickets context: petitions, complaints, denunciations and unanswered questions — tracking
// codes, lifecycle, legal deadlines over the Vietnamese calendar, routing, the outbox of replies, the audit trail.
export { type AcceptTicketOptions, acceptTicket } from './accept-ticket.js';
export { type AddTicketNoteOptions, addTicketNote, MAX_NOTE_LENGTH } from './add-ticket-note.js';
export { type AnswerTicketOptions, answerTicket } from './answer-ticket.js';
export { type AssignTicketOptions, assignTicket } from './assign-ticket.js';
export {
  type AuditAnchor,
  type AuditProblem,
  type AuditWarning,
  auditHash,
  canonicalJson,
  GENESIS_HASH,
} from './audit-chain.js';
export { ANY_CATEGORY, type CannedReply, cannedRepliesFor, loadCannedReplies } from './canned-replies.js';
export { type ChangeTicketStatusOptions, changeTicketStatus } from './change-ticket-status.js';
export {
  ANONYMOUS_KINDS,
  type CreateTicketOptions,
  type CreateTicketResult,
  createTicket,
} from './create-ticket.js';
export {
  citeBasis,
  citeRule,
  DEADLINE_STEPS,
  type DeadlineRule,
  type DeadlineSettings,
  type DeadlineStep,
  findRule,
  type LegalBasis,
  ruleLabel,
  verifyWarning,
} from './deadline-rules.js';
export { loadDeadlineSettings, loadHolidaySettings } from './deadline-settings.js';
export {
  addCalendarDays,
  addWorkingDays,
  currentDeadline,
  type DeadlineFacts,
  endOfVietnamDay,
  type PlannedDeadline,
  planDeadlines,
  vietnamDate,
  workingDaysLeft,
} from './deadlines.js';
export {
  backoffDelay,
  type DeliveryReport,
  isPermanentDeliveryFailure,
  OutboxWorker,
  type OutboxWorkerOptions,
} from './deliver-outbox.js';
export type { TicketDeps } from './deps.js';
export { createDisputeReasonDialogue, DISPUTE_REASON_DIALOGUE } from './dispute-reason-dialogue.js';
export { type DisputeTicketOptions, disputeTicket } from './dispute-ticket.js';
export {
  type EraseResidentPersonalDataOptions,
  type EraseResidentPersonalDataResult,
  eraseResidentPersonalData,
} from './erase-resident-personal-data.js';
export {
  type DeadlineReport,
  EXPLAINABLE_KINDS,
  type ExplainDeadlinesInput,
  explainDeadlines,
} from './explain-deadlines.js';
export { csvCell, type ExportTicketsOptions, type ExportTicketsResult, exportTickets } from './export-tickets.js';
export {
  EXTENSION_DECISION_RECIPIENTS,
  type ExtendTicketDeadlineOptions,
  extendTicketDeadline,
} from './extend-ticket-deadline.js';
export { type FileQuestionOptions, type FileQuestionResult, fileQuestion } from './file-question.js';
export { giveDisputeReason } from './give-dispute-reason.js';
export {
  computeDefaultHolidays,
  HolidayCalendar,
  type HolidayEntry,
  needsConfirmation,
  weekdayOf,
} from './holidays.js';
export { createComplaintIntake } from './intake/complaint-intake.js';
export { OPEN_STATUSES, TRANSITIONS } from './lifecycle.js';
export { type ListDisputableTicketsOptions, listDisputableTickets } from './list-disputable-tickets.js';
export { type ListTicketsOptions, listTickets, type TicketListItem } from './list-tickets.js';
export {
  LOOKUP_MAX_WRONG,
  LOOKUP_MAX_WRONG_OVERALL,
  LOOKUP_MAX_WRONG_PER_ADDRESS,
  LOOKUP_WINDOW_MS,
  type LookupTicketOptions,
  lookupTicket,
  type Requester,
} from './lookup-ticket.js';
export { lunarToIsoDate, lunarToSolar, solarToLunar } from './lunar-calendar.js';
export { type MarkReplyDeliveredByPhoneOptions, markReplyDeliveredByPhone } from './mark-reply-delivered-by-phone.js';
export {
  type AddressForm,
  deadlineLineText,
  formatDate,
  formatDateTime,
  parseTicketAction,
  TICKET_ACTION_PREFIX,
  TICKET_ACTIONS,
} from './messages.js';
export type * from './ports.js';
export { systemClock } from './ports.js';
export { canSeeIdentity, HIDDEN_IDENTITY, maskPhone } from './privacy.js';
export { formatPublicView, type PublicTicketView, toPublicView } from './public-view.js';
export { recordResolution } from './record-resolution.js';
export { recordSatisfaction } from './record-satisfaction.js';
export { type AnswerSignalsReport, reportAnswerSignals } from './report-answer-signals.js';
export { reportCsv } from './report-csv.js';
export {
  ACKNOWLEDGE_WORKING_DAYS,
  PUBLIC_MIN_GROUP,
  percent,
  REPORT_GROUPINGS,
  type ReportFigures,
  type ReportGroup,
  type ReportGrouping,
  type ReportOptions,
  reportTickets,
  reportTicketsBy,
  type TicketReport,
} from './report-tickets.js';
export { type RetryTicketReplyOptions, retryTicketReply } from './retry-ticket-reply.js';
export { secondComplaintWindow } from './second-complaint.js';
export { loadTicketSettings, routeTicket, type TicketSettings } from './settings.js';
export { type ResidentPersonalData, showResidentPersonalData } from './show-resident-personal-data.js';
export { type ShowTicketOptions, showTicket, type TicketDetail } from './show-ticket.js';
export { type ShowTicketAttachmentOptions, showTicketAttachment } from './show-ticket-attachment.js';
export { syncTicketSettings } from './sync-ticket-settings.js';
export { type DeadlineLine, ticketDeadlineLines } from './ticket-deadlines.js';
export { createTicketActionHandler, createTicketDesk, createTicketDialogues } from './ticket-desk.js';
export { actorLabel } from './ticket-helpers.js';
export { findTrackingCodeInText, generateTrackingCode, parseTrackingCode } from './tracking-code.js';
export * from './types.js';
export {
  missingPersonalFields,
  normalizeFullName,
  normalizePhone,
  REQUIRED_PERSONAL_FIELDS,
  validatePersonalData,
} from './validation.js';
export {
  describeAuditProblem,
  describeAuditWarning,
  type VerifyAuditLogResult,
  verifyAuditLog,
} from './verify-audit-log.js';
