import { checkWebhookUrl, isForbiddenAddress, resolveSafely } from './ssrf-guard.js';

const strict = { allowPrivate: false };
const dev = { allowPrivate: true };

describe('webhook SSRF guard', () => {
  it.each(['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1',
    '::127.0.0.1', '::7f00:1', '::a00:1', '2002:7f00:1::', '2002:c0a8:101::1', 'fec0::1', 'feff::1', '2001::1', '64:ff9b::7f00:1', '192.0.2.1', '240.0.0.1',
  ])(
    'forbids %s',
    (address) => expect(isForbiddenAddress(address)).toBe(true),
  );

  it.each(['93.184.215.14', '1.1.1.1', '2606:4700:4700::1111'])('allows public %s', (address) => expect(isForbiddenAddress(address)).toBe(false));

  it('needs https, no credentials and no private literal in strict mode; development allows http to localhost', () => {
    expect(() => checkWebhookUrl('http://example.com/hook', strict)).toThrow(/https/);
    expect(() => checkWebhookUrl('https://user:pw@example.com/hook', strict)).toThrow(/credentials/);
    expect(() => checkWebhookUrl('https://127.0.0.1/hook', strict)).toThrow(/loopback/);
    expect(() => checkWebhookUrl('https://[::1]/hook', strict)).toThrow(/loopback/);
    expect(() => checkWebhookUrl('https://localhost/hook', strict)).toThrow(/loopback/);
    for (const url of ['https://[::127.0.0.1]/hook', 'https://[2002:7f00:1::]/hook', 'https://[fec0::1]/hook']) {
      expect(() => checkWebhookUrl(url, strict)).toThrow(/loopback/);
    }
    expect(() => checkWebhookUrl('ftp://example.com', dev)).toThrow(/https/);
    expect(checkWebhookUrl('https://hooks.example.com/x', strict).hostname).toBe('hooks.example.com');
    expect(checkWebhookUrl('http://127.0.0.1:4000/x', dev).port).toBe('4000');
  });

  it('checks every resolved address in strict mode', async () => {
    const resolver = async () => [
      { address: '93.184.215.14', family: 4 },
      { address: '10.0.0.5', family: 4 },
    ];
    await expect(resolveSafely('mixed.example.com', strict, resolver)).rejects.toThrow(/private/);
    await expect(resolveSafely('mixed.example.com', dev, resolver)).resolves.toHaveLength(2);
    await expect(resolveSafely('public.example.com', strict, async () => [{ address: '93.184.215.14', family: 4 }])).resolves.toEqual([
      { address: '93.184.215.14', family: 4 },
    ]);
    await expect(resolveSafely('nothing.example.com', strict, async () => [])).rejects.toThrow(/resolve/);
  });
});
