import { Pipe, type PipeTransform } from '@angular/core';
import { describeSystemEvent, type MessageView, type Reader } from '@repairhub/contracts';

/** The browser's language and time zone: system notes write money and dates as the reader writes them. */
export function browserReader(): Reader {
  return { locale: typeof navigator === 'undefined' ? 'en-US' : navigator.language, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone };
}

/** A system message's note for this reader; older messages stored before notes kept their event show the server's text. */
export function systemNoteText(message: Pick<MessageView, 'content' | 'event'>, reader: Reader): string {
  return message.event ? describeSystemEvent(message.event, reader) : message.content;
}

@Pipe({ name: 'systemNote' })
export class SystemNotePipe implements PipeTransform {
  private readonly reader = browserReader();

  transform(message: Pick<MessageView, 'content' | 'event'>): string {
    return systemNoteText(message, this.reader);
  }
}
