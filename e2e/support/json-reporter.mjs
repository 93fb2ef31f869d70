// A node:test reporter that writes the Jest-shaped counts scripts/test.mjs reads ({numPassedTests,
// numFailedTests}). Only leaf tests count; suites that merely group them do not.
export default async function* jsonReporter(source) {
  const counts = { numPassedTests: 0, numFailedTests: 0, numSkippedTests: 0 };
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    if (event.data.details?.type === 'suite') continue;
    if (event.data.skip || event.data.todo) counts.numSkippedTests++;
    else if (event.type === 'test:pass') counts.numPassedTests++;
    else counts.numFailedTests++;
  }
  yield JSON.stringify({ ...counts, numTotalTests: counts.numPassedTests + counts.numFailedTests, success: counts.numFailedTests === 0 });
}
