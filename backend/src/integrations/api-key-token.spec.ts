import { generateApiKey, parseApiKey, presentedApiKey, secretMatches } from './api-key-token.js';

describe('API key tokens', () => {
  it('round-trips: the parsed secret matches the stored hash, another does not', () => {
    const { token, prefix, hash } = generateApiKey();
    expect(token.startsWith(`rh_live_${prefix}_`)).toBe(true);
    const parsed = parseApiKey(token)!;
    expect(parsed.prefix).toBe(prefix);
    expect(secretMatches(parsed.secret, hash)).toBe(true);
    expect(secretMatches(parseApiKey(generateApiKey().token)!.secret, hash)).toBe(false);
    expect(hash.toString('hex')).not.toContain(Buffer.from(parsed.secret).toString('hex'));
  });

  it('refuses malformed tokens', () => {
    const { token } = generateApiKey();
    for (const bad of ['', 'rh_live_', token.slice(0, -1), token.replace('rh_live_', 'rh_test_'), `${token}x`, 'eyJhbGciOi.x.y']) {
      expect(parseApiKey(bad)).toBeNull();
    }
  });

  it('reads X-API-Key or a Bearer rh_live_ token, never a JWT', () => {
    expect(presentedApiKey({ 'x-api-key': 'rh_live_abc' })).toBe('rh_live_abc');
    expect(presentedApiKey({ authorization: 'Bearer rh_live_abc' })).toBe('rh_live_abc');
    expect(presentedApiKey({ authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.x' })).toBeNull();
    expect(presentedApiKey({})).toBeNull();
  });
});
