// The two internal message types every channel converts to and from, and the Channel port.

export type ChannelName = 'telegram' | 'zalo' | 'web' | 'cli';

export interface Attachment {
  kind: 'photo' | 'file' | 'location' | 'contact' | 'sticker' | 'audio' | 'video' | 'other';
  /** Channel file id or URL of the media. */
  ref?: string | undefined;
  name?: string | undefined;
  mimeType?: string | undefined;
  latitude?: number | undefined;
  longitude?: number | undefined;
  /** For a shared contact. Personal data: never log it. */
  phone?: string | undefined;
  contactName?: string | undefined;
}

/** One message from a resident, whatever the channel. */
export interface IncomingMessage {
  channel: ChannelName;
  /** The channel's id for the user (always a string: Zalo ids overflow JS numbers). */
  channelUserId: string;
  /** Unique per channel user and delivery: the dedupe key is channel + messageId. */
  messageId: string;
  text: string;
  attachments: Attachment[];
  receivedAt: Date;
  /** Payload of a pressed quick-reply button, when the message is a button press. */
  action?: string | undefined;
  displayName?: string | undefined;
  /**
   * The sender's network address key when the channel sees one (the web chat: IPv4, or an IPv6 /64), for rate
   * limits that a new chat session must not reset. Never stored. Telegram and Zalo relay messages: none there.
   */
  clientAddress?: string | undefined;
}

/** A button under a reply. `action` must fit Telegram's 64-byte callback_data. */
export interface QuickReply {
  label: string;
  action: string;
}

/** One message to a resident, whatever the channel. Plain text; channels escape it. */
export interface OutgoingReply {
  text: string;
  quickReplies: QuickReply[];
  attachments: Attachment[];
}

/**
 * What a channel can show, declared by the channel and read by the reply formatter (`channels/shared`), so no code
 * outside `channels/` asks which channel it is talking to.
 */
export interface ChannelCapabilities {
  /** Longest text of one message; longer replies are split (Telegram 4,096, Zalo 2,000). */
  textLimit: number;
  /** Buttons one message can carry (0: none). */
  maxButtons: number;
  /**
   * When the options are also written as a numbered list in the text, so that typing the number selects one:
   * `always` (some clients of the channel show no buttons), `overflow` (only when there are more options than
   * buttons), `never`.
   */
  numbersOptions: 'always' | 'overflow' | 'never';
  /**
   * The channel's app lets residents share a location (Telegram's 📎 → Vị trí, Zalo's location message), so
   * prompts may suggest it.
   */
  sharesLocation: boolean;
}

/** Port: a channel the core (or the outbox worker) can send replies through. */
export interface Channel {
  readonly name: ChannelName;
  readonly capabilities: ChannelCapabilities;
  send(channelUserId: string, reply: OutgoingReply): Promise<void>;
}

/** Port: the conversation core as channels see it. One incoming message in, the replies out. */
export interface MessageHandler {
  handle(message: IncomingMessage): Promise<OutgoingReply[]>;
}
