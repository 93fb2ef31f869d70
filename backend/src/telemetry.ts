import { register } from 'node:module';

/** What telemetry needs from the configuration (`OTEL_EXPORTER_OTLP_ENDPOINT`, `OTEL_SERVICE_NAME`). */
export interface TelemetryConfig {
  endpoint: string | null;
  serviceName: string;
}

export interface Telemetry {
  shutdown(): Promise<void>;
}

type Loader = (specifier: string) => Promise<any>;

const load: Loader = (specifier) => import(specifier);

/**
 * Optional OpenTelemetry tracing. Without OTEL_EXPORTER_OTLP_ENDPOINT nothing is loaded (no
 * OpenTelemetry module is even imported), so start-up is unaffected. With it, this must run before
 * the application's modules are imported: it registers the ESM loader hook the auto-instrumentations
 * need, then starts the SDK with an OTLP/HTTP trace exporter (HTTP, Fastify, pg, ioredis, …).
 */
export async function startTelemetry(config: TelemetryConfig, importer: Loader = load): Promise<Telemetry | null> {
  if (!config.endpoint) return null;
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);
  const [{ NodeSDK }, { OTLPTraceExporter }, { getNodeAutoInstrumentations }] = await Promise.all([
    importer('@opentelemetry/sdk-node'),
    importer('@opentelemetry/exporter-trace-otlp-http'),
    importer('@opentelemetry/auto-instrumentations-node'),
  ]);
  const sdk = new NodeSDK({
    serviceName: config.serviceName,
    traceExporter: new OTLPTraceExporter({ url: `${config.endpoint.replace(/\/$/, '')}/v1/traces` }),
    // File-system spans are noise for an API server.
    instrumentations: [getNodeAutoInstrumentations({ '@opentelemetry/instrumentation-fs': { enabled: false } })],
  });
  sdk.start();
  return { shutdown: () => sdk.shutdown() };
}
