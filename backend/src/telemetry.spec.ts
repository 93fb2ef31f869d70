import { jest } from '@jest/globals';
import { startTelemetry } from './telemetry.js';

describe('startTelemetry', () => {
  it('loads nothing without OTEL_EXPORTER_OTLP_ENDPOINT', async () => {
    const importer = jest.fn(async () => ({}));
    expect(await startTelemetry({ endpoint: null, serviceName: 'repairhub-api' }, importer)).toBeNull();
    expect(importer).not.toHaveBeenCalled();
  });
});
