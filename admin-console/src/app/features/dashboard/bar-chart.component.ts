import { ChangeDetectionStrategy, Component, ElementRef, afterRenderEffect, input, viewChild, type OnDestroy } from '@angular/core';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip, type ChartConfiguration } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

export interface BarSeries {
  label: string;
  values: number[];
  color: string;
}

/**
 * A bar chart drawn by Chart.js on a canvas (no inline scripts, nothing evaluated). The canvas is
 * one image to assistive technology, named by `summary`; each chart sits beside a table with the
 * same numbers.
 */
@Component({
  selector: 'rh-bar-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<div class="chart-box"><canvas #canvas role="img" [attr.aria-label]="summary()"></canvas></div>`,
  styles: `.chart-box { position: relative; height: 16rem; width: 100%; }`,
})
export class BarChart implements OnDestroy {
  readonly labels = input.required<string[]>();
  readonly series = input.required<BarSeries[]>();
  readonly summary = input.required<string>();
  readonly stacked = input(false);
  /** Counts: whole-number ticks only (an empty chart would otherwise count 0.1, 0.2, …). */
  readonly integer = input(false);
  /** Formats axis ticks and tooltips. */
  readonly format = input<(value: number) => string>((value) => String(value));
  private readonly canvas = viewChild.required<ElementRef<HTMLCanvasElement>>('canvas');
  private chart: Chart<'bar'> | null = null;

  constructor() {
    afterRenderEffect(() => {
      const format = this.format();
      const config: ChartConfiguration<'bar'> = {
        type: 'bar',
        data: {
          labels: this.labels(),
          datasets: this.series().map((s) => ({ label: s.label, data: s.values, backgroundColor: s.color, borderColor: s.color })),
        },
        options: {
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          scales: {
            x: { stacked: this.stacked() },
            y: { stacked: this.stacked(), beginAtZero: true, ticks: { callback: (value) => format(Number(value)), ...(this.integer() ? { precision: 0 } : {}) } },
          },
          plugins: {
            legend: { position: 'bottom' },
            tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${format(Number(item.raw))}` } },
          },
        },
      };
      if (this.chart) {
        this.chart.data = config.data;
        this.chart.options = config.options!;
        this.chart.update();
      } else {
        this.chart = new Chart(this.canvas().nativeElement, config);
      }
    });
  }

  ngOnDestroy(): void {
    this.chart?.destroy();
  }
}
