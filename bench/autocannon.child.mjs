// The load generator in its own process (forked by lib.mjs `measure`), so it does not share an event
// loop with the bench's bookkeeping or with a server under test. Receives one autocannon option set
// over IPC (`paths`: request paths to cycle through), answers with the result and exits.
import autocannon from 'autocannon';

process.once('message', async ({ paths, ...options }) => {
  let i = 0;
  const requests = paths ? [{ setupRequest: (request) => ({ ...request, path: paths[i++ % paths.length] }) }] : undefined;
  const result = await autocannon({ ...options, requests });
  process.send(
    { requests: result.requests.average, p99: result.latency.p99, errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx },
    () => process.exit(0),
  );
});
