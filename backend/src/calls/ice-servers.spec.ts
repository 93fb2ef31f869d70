import { parseIceServers, parseTurnUrls } from '../config/ice-servers.js';
import { iceServersFor, turnCredentials } from './ice-servers.js';

describe('TURN credentials (coturn use-auth-secret)', () => {
  const now = new Date('2026-12-01T12:00:00Z');

  it('names the expiry and the user, signed with the shared secret', () => {
    const { username, credential } = turnCredentials('a-long-shared-secret', 'user-1', 3600, now);
    expect(username).toBe('1796130000:user-1');
    // base64(HMAC-SHA1(static-auth-secret, username)), computed independently with Python's hmac module.
    expect(credential).toBe('hdBRisnnhivJJpLWYTo2V0nhUpk=');
    expect(turnCredentials('another-shared-secret', 'user-1', 3600, now).credential).not.toBe(credential);
    expect(turnCredentials('a-long-shared-secret', 'user-2', 3600, now).credential).not.toBe(credential);
  });

  it('adds one TURN entry with fresh credentials to the configured servers', () => {
    const stun = { urls: 'stun:stun.example.com:3478' };
    expect(iceServersFor('u', [stun], null, now)).toEqual([stun]);
    const [, turn] = iceServersFor('u', [stun], { secret: 'a-long-shared-secret', urls: ['turn:t.example.com:3478'], ttlSeconds: 60 }, now);
    expect(turn).toEqual({ urls: ['turn:t.example.com:3478'], username: `${now.getTime() / 1000 + 60}:u`, credential: expect.any(String) });
  });
});

describe('ICE_SERVERS', () => {
  it('accepts RTCIceServer objects and nothing else', () => {
    expect(parseIceServers(undefined)).toEqual([]);
    expect(parseIceServers('[{"urls":["stun:a:3478","turn:b:3478"],"username":"u","credential":"p"}]')).toEqual([
      { urls: ['stun:a:3478', 'turn:b:3478'], username: 'u', credential: 'p' },
    ]);
    expect(parseIceServers('{"urls":"stun:a"}')).toMatch(/JSON array/);
    expect(parseIceServers('not json')).toMatch(/JSON array/);
    expect(parseIceServers('[{"urls":"http://a"}]')).toMatch(/entry 0: urls/);
    expect(parseIceServers('[{"urls":[]}]')).toMatch(/entry 0: urls/);
    expect(parseIceServers('[{"urls":"stun:a","password":"x"}]')).toMatch(/unknown fields: password/);
    expect(parseIceServers('[{"urls":"stun:a","credential":1}]')).toMatch(/strings/);
  });

  it('TURN_URLS must be turn: URLs', () => {
    expect(parseTurnUrls('turn:a:3478, turns:a:5349')).toEqual(['turn:a:3478', 'turns:a:5349']);
    expect(parseTurnUrls(undefined)).toMatch(/required/);
    expect(parseTurnUrls('stun:a')).toMatch(/turn:/);
  });
});
