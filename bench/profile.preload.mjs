// Loaded with `--import` into a server under test when the bench runs with `--profile`. SIGWINCH (not
// SIGUSR2: Nest's shutdown hooks stop the app on it; SIGWINCH is ignored by default)
// starts the V8 CPU profiler; the next SIGWINCH stops it and writes `<BENCH_PROFILE_FILE>.<n>.cpuprofile`
// (then `.done`, so the bench knows the file is complete). The bench brackets only the rounds that
// load this server, so the profile holds its work under that scenario, not its start-up.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

const base = process.env.BENCH_PROFILE_FILE;
const session = new Session();
session.connect();
let running = false;
let n = 0;

process.on('SIGWINCH', async () => {
  if (!running) {
    running = true;
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
    return;
  }
  running = false;
  const { profile } = await session.post('Profiler.stop');
  const file = `${base}.${n++}.cpuprofile`;
  writeFileSync(file, JSON.stringify(profile));
  writeFileSync(`${file}.done`, '');
});
