import { builtInKeys } from './validation.pipe.js';

describe('builtInKeys', () => {
  it('finds keys named like Object.prototype members at any depth', () => {
    const body = JSON.parse('{"name": "a", "constructor": 1, "nested": {"toString": "x", "ok": [{"valueOf": 2}]}, "hasOwnProperty": true}');
    expect(builtInKeys(body).sort()).toEqual(['constructor', 'hasOwnProperty', 'nested.ok[0].valueOf', 'nested.toString']);
  });

  it('finds none in ordinary values', () => {
    expect(builtInKeys({ name: 'constructor', list: ['toString'], n: 1 })).toEqual([]);
    expect(builtInKeys('text')).toEqual([]);
    expect(builtInKeys(undefined)).toEqual([]);
  });
});
