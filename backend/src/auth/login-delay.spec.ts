import { loginFailureDelayMs } from './login-delay.js';

describe('loginFailureDelayMs', () => {
  it('lets the first few failures through without delay, then doubles it up to a cap', () => {
    expect([1, 2, 3].map(loginFailureDelayMs)).toEqual([0, 0, 0]);
    expect(loginFailureDelayMs(4)).toBe(200);
    expect(loginFailureDelayMs(5)).toBe(400);
    expect(loginFailureDelayMs(6)).toBe(800);
    expect(loginFailureDelayMs(50)).toBe(3000);
  });
});
