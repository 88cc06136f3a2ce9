import { newId } from './ids.js';

/**
 * The local mailbox: every email the local Clerk would have sent (verification and reset codes), kept in memory,
 * newest first, shown on `GET /mailbox` and written to the log. Like Supabase's Inbucket, nothing leaves the machine.
 */
export interface MailMessage {
  id: string;
  to: string;
  subject: string;
  text: string;
  code: string;
  sentAt: number;
}

const KEEP = 200;

export class Mailbox {
  private readonly messages: MailMessage[] = [];

  constructor(private readonly log: (line: string) => void) {}

  sendCode(to: string, purpose: string, code: string): MailMessage {
    const message: MailMessage = {
      id: newId('msg'),
      to,
      subject: `${code} is your ${purpose} code`,
      text: `Enter ${code} to continue. The code expires in 10 minutes. (Clerk's test code 424242 also works locally.)`,
      code,
      sentAt: Date.now(),
    };
    this.messages.unshift(message);
    this.messages.length = Math.min(this.messages.length, KEEP);
    this.log(`mail to ${to}: ${message.subject}`);
    return message;
  }

  list(to?: string): MailMessage[] {
    const wanted = to?.trim().toLowerCase();
    return wanted ? this.messages.filter((message) => message.to === wanted) : [...this.messages];
  }
}
