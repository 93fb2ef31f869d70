import { ChangeDetectionStrategy, Component, ElementRef, Injector, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { MAX_PAGE_LIMIT, type DeviceView } from '@repairhub/contracts';
import { ApiClient, DEVICE_TYPE_LABELS, EmptyState, ErrorState, Loading, Notifier, focusAfterRender } from '@repairhub/web-core';
import { map } from 'rxjs';
import { DeviceForm } from './device-form.component';

@Component({
  selector: 'rh-devices-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, DeviceForm, Loading, ErrorState, EmptyState],
  template: `
    <div class="page">
      <div class="page-head">
        <h1>My devices</h1>
        @if (!adding()) {
          <button type="button" class="button primary" (click)="adding.set(true)">Add a device</button>
        }
      </div>

      @if (adding()) {
        <section class="card" aria-labelledby="add-heading">
          <h2 id="add-heading">Add a device</h2>
          <rh-device-form (saved)="added($event)" (cancelled)="adding.set(false)" />
        </section>
      }

      @if (devices.isLoading() && !devices.hasValue()) {
        <rh-loading label="Loading your devices…" />
      } @else if (devices.error()) {
        <rh-error-state title="We couldn't load your devices" [error]="devices.error()" (retry)="devices.reload()" />
      } @else if (devices.hasValue()) {
        @if (devices.value().length === 0 && !adding()) {
          <rh-empty-state message="You haven't added a device yet.">
            <button type="button" class="button primary" (click)="adding.set(true)">Add your first device</button>
          </rh-empty-state>
        }
        <ul class="devices" aria-label="Devices">
          @for (device of devices.value(); track device.id) {
            <li class="card device" [attr.data-device]="device.id">
              @if (editing() === device.id) {
                <h2 class="title">Edit {{ device.brand }} {{ device.model }}</h2>
                <rh-device-form [device]="device" (saved)="updated($event)" (cancelled)="editing.set(null)" />
              } @else {
                <div class="summary">
                  <h2 class="title">{{ device.brand }} {{ device.model }}</h2>
                  <p class="muted">{{ typeLabels[device.type] }}</p>
                  <p class="serial">
                    <span class="label">Serial number:</span>
                    @if (device.hasSerial) {
                      <span class="mono" [attr.aria-label]="revealed()[device.id] ? null : 'hidden, ends in ' + lastFour(device)">{{ revealed()[device.id] ?? device.serialNumber }}</span>
                      <button type="button" class="button link" (click)="toggleSerial(device)" [attr.aria-pressed]="!!revealed()[device.id]" [disabled]="revealing() === device.id">
                        {{ revealing() === device.id ? 'Revealing…' : revealed()[device.id] ? 'Hide' : 'Reveal' }}
                      </button>
                    } @else {
                      <span class="muted">not given</span>
                    }
                  </p>
                </div>
                <div class="row actions">
                  <a class="button primary" routerLink="/repairs/new" [queryParams]="{ device: device.id }">Request a repair</a>
                  <button type="button" class="button secondary" (click)="editing.set(device.id)">Edit</button>
                  @if (confirming() === device.id) {
                    <span class="confirm" role="group" [attr.aria-label]="'Remove ' + device.brand + ' ' + device.model + '?'">
                      <span>Remove this device?</span>
                      <button type="button" class="button danger" (click)="remove(device)" [disabled]="removing()">{{ removing() ? 'Removing…' : 'Remove' }}</button>
                      <button type="button" class="button secondary" data-keep (click)="keep(device)">Keep</button>
                    </span>
                  } @else {
                    <button type="button" class="button secondary" data-remove (click)="askRemove(device)">Remove</button>
                  }
                </div>
              }
            </li>
          }
        </ul>
      }
    </div>
  `,
  styles: `
    .devices { list-style: none; margin: 0; padding: 0; display: grid; gap: 1rem; }
    .device { display: grid; gap: .75rem; }
    .title { margin: 0; font-size: 1.125rem; }
    .summary p { margin: .25rem 0 0; }
    .serial { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
    .serial .label { font-weight: 600; }
    .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
    .confirm { display: inline-flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
  `,
})
export default class DevicesPage {
  private readonly api = inject(ApiClient);
  private readonly notifier = inject(Notifier);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;

  protected readonly typeLabels = DEVICE_TYPE_LABELS;
  protected readonly adding = signal(false);
  protected readonly editing = signal<string | null>(null);
  protected readonly confirming = signal<string | null>(null);
  protected readonly removing = signal(false);
  protected readonly revealing = signal<string | null>(null);
  /** Full serials the user chose to see, by device id; dropped again on "Hide". */
  protected readonly revealed = signal<Partial<Record<string, string>>>({});

  protected readonly devices = rxResource({
    stream: () => this.api.devices.list({ limit: MAX_PAGE_LIMIT }).pipe(map((page) => page.items)),
  });

  protected lastFour(device: DeviceView): string {
    return (device.serialNumber ?? '').replace(/[^A-Za-z0-9]/g, '').slice(-4);
  }

  protected added(device: DeviceView): void {
    this.adding.set(false);
    this.notifier.success(`${device.brand} ${device.model} added.`);
    // The answer is the device: newest first, as the list is ordered.
    this.devices.update((list) => [device, ...(list ?? [])]);
    this.focusDevice(device.id, 'h2');
  }

  /** A destructive confirmation opens on the safe choice. */
  protected askRemove(device: DeviceView): void {
    this.confirming.set(device.id);
    this.focusDevice(device.id, '[data-keep]');
  }

  protected keep(device: DeviceView): void {
    this.confirming.set(null);
    this.focusDevice(device.id, '[data-remove]');
  }

  private focusDevice(id: string, selector: string): void {
    focusAfterRender(this.injector, () => this.host.querySelector<HTMLElement>(`[data-device="${id}"] ${selector}`));
  }

  protected updated(device: DeviceView): void {
    this.editing.set(null);
    this.revealed.update(({ [device.id]: _dropped, ...rest }) => rest);
    this.notifier.success(`${device.brand} ${device.model} saved.`);
    this.devices.update((list) => list?.map((d) => (d.id === device.id ? device : d)));
    this.focusDevice(device.id, 'h2');
  }

  protected toggleSerial(device: DeviceView): void {
    if (this.revealed()[device.id]) {
      this.revealed.update(({ [device.id]: _hidden, ...rest }) => rest);
      return;
    }
    this.revealing.set(device.id);
    this.api.devices.get(device.id, { reveal: true }).subscribe({
      next: (full) => {
        this.revealing.set(null);
        if (full.serialNumber) this.revealed.update((all) => ({ ...all, [device.id]: full.serialNumber as string }));
      },
      error: (error: unknown) => {
        this.revealing.set(null);
        this.notifier.error(error);
      },
    });
  }

  protected remove(device: DeviceView): void {
    this.removing.set(true);
    this.api.devices.remove(device.id).subscribe({
      next: () => {
        this.removing.set(false);
        this.confirming.set(null);
        this.notifier.success(`${device.brand} ${device.model} removed.`);
        this.devices.update((list) => list?.filter((d) => d.id !== device.id));
      },
      error: (error: unknown) => {
        this.removing.set(false);
        this.notifier.error(error);
      },
    });
  }
}
