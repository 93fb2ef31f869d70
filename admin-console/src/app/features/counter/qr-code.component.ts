import { ChangeDetectionStrategy, Component, input, resource } from '@angular/core';
import { toString as qrSvg } from 'qrcode';

/** An SVG QR code as a data URL: crisp at any print size, and allowed by the CSP (img-src data:). */
export async function qrDataUrl(text: string): Promise<string> {
  const svg = await qrSvg(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

@Component({
  selector: 'rh-qr-code',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (image.value(); as src) {
      <img [src]="src" [alt]="alt()" />
    }
  `,
  styles: `
    :host { display: block; }
    img { display: block; width: 100%; height: auto; image-rendering: pixelated; }
  `,
})
export class QrCode {
  readonly text = input.required<string>();
  readonly alt = input.required<string>();
  protected readonly image = resource({ params: () => this.text(), loader: ({ params }) => qrDataUrl(params) });
}
