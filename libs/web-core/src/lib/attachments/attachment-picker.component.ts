import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { AttachmentView } from '@repairhub/contracts';
import { ApiClient } from '../api/api-client';
import { readProblem } from '../errors/problem';
import { ATTACHMENT_ACCEPT, attachmentFileProblem } from './attachment-files';

/**
 * "Attach photos": uploads each chosen file to the repair at once and reports each stored one;
 * a refused file is explained beside the button in the server's words.
 */
@Component({
  selector: 'rh-attachment-picker',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <span class="picker">
      <input #files type="file" class="visually-hidden" [id]="inputId" [accept]="accept" multiple (change)="chosen(files)" [disabled]="busy()" />
      <label [for]="inputId" class="button secondary" [class.small]="small()" [attr.aria-disabled]="busy()">{{ busy() ? 'Uploading…' : label() }}</label>
    </span>
    @if (problems().length) {
      <ul class="problems" role="alert">
        @for (p of problems(); track $index) {
          <li>{{ p }}</li>
        }
      </ul>
    }
  `,
  styles: `
    :host {
      display: grid;
      gap: 0.25rem;
    }
    .picker input:focus-visible + label {
      box-shadow: var(--focus);
    }
    label {
      cursor: pointer;
      justify-self: start;
    }
    .problems {
      margin: 0;
      padding-left: 1.25rem;
      color: var(--danger-text);
      font-size: 0.875rem;
    }
  `,
})
export class AttachmentPicker {
  readonly repairId = input.required<string>();
  readonly label = input('Attach photos');
  readonly small = input(false);
  readonly uploaded = output<AttachmentView>();

  private static nextId = 0;
  protected readonly inputId = `attachment-input-${AttachmentPicker.nextId++}`;
  protected readonly accept = ATTACHMENT_ACCEPT;
  private readonly api = inject(ApiClient);
  protected readonly busy = signal(false);
  protected readonly problems = signal<string[]>([]);

  protected async chosen(input: HTMLInputElement): Promise<void> {
    const files = [...(input.files ?? [])];
    input.value = '';
    if (!files.length) return;
    this.busy.set(true);
    this.problems.set(await uploadAll(this.api, this.repairId(), files, (a) => this.uploaded.emit(a)));
    this.busy.set(false);
  }
}

/** Uploads files one after another; returns why each refused file was refused. */
export async function uploadAll(api: ApiClient, repairId: string, files: File[], stored: (a: AttachmentView) => void): Promise<string[]> {
  const problems: string[] = [];
  for (const file of files) {
    const local = attachmentFileProblem(file);
    if (local) {
      problems.push(local);
      continue;
    }
    try {
      stored(await firstValueFrom(api.attachments.upload(repairId, file)));
    } catch (error) {
      problems.push(`${file.name}: ${readProblem(error).message}`);
    }
  }
  return problems;
}
