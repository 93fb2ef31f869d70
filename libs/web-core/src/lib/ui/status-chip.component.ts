import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { RepairStatus } from '@repairhub/contracts';
import { REPAIR_STATUS_LABELS } from './labels';

@Component({
  selector: 'rh-status-chip',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span class="chip" [class]="'chip chip-' + status()">{{ label() }}</span>`,
})
export class StatusChip {
  readonly status = input.required<RepairStatus>();
  protected readonly label = computed(() => REPAIR_STATUS_LABELS[this.status()]);
}
