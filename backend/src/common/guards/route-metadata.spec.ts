import { Controller, Get, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { jest } from '@jest/globals';
import { Reflector } from '@nestjs/core';
import { MemoizedReflector, overridden } from './route-metadata.js';

const FLAG = 'test:flag';

@SetMetadata(FLAG, 'class')
@Controller()
class Marked {
  @Get() plain() {}
  @Get('own') @SetMetadata(FLAG, 'handler') own() {}
}

@Controller()
class Unmarked {
  @Get() plain() {}
}

const contextOf = (type: object, handler: (...args: unknown[]) => unknown) =>
  ({ getClass: () => type, getHandler: () => handler }) as unknown as ExecutionContext;

describe('RouteMetadata', () => {
  it('answers like the reflector: the handler overrides its class, a route without metadata has none', () => {
    const flag = overridden<string>(FLAG);
    const reflector = new Reflector();
    expect(flag.of(reflector, contextOf(Marked, Marked.prototype.plain))).toBe('class');
    expect(flag.of(reflector, contextOf(Marked, Marked.prototype.own))).toBe('handler');
    expect(flag.of(reflector, contextOf(Unmarked, Unmarked.prototype.plain))).toBeUndefined();
  });

  it('reads each handler and class once, however many requests ask', () => {
    const flag = overridden<string>(FLAG);
    const reflector = new Reflector();
    const read = jest.spyOn(reflector, 'getAllAndOverride');
    for (let i = 0; i < 5; i++) {
      flag.of(reflector, contextOf(Marked, Marked.prototype.plain));
      flag.of(reflector, contextOf(Marked, Marked.prototype.own));
    }
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('keeps a handler shared by two classes apart per class', () => {
    const flag = overridden<string>(FLAG);
    const reflector = new Reflector();
    const shared = Marked.prototype.plain;
    expect(flag.of(reflector, contextOf(Marked, shared))).toBe('class');
    expect(flag.of(reflector, contextOf(Unmarked, shared))).toBeUndefined();
  });
});

describe('MemoizedReflector', () => {
  it('answers getAllAndOverride like the reflector, reading each key, handler and class once', () => {
    const reflector = new MemoizedReflector();
    const read = jest.spyOn(Reflector.prototype, 'get');
    const ask = () => {
      expect(reflector.getAllAndOverride(FLAG, [Marked.prototype.plain, Marked])).toBe('class');
      expect(reflector.getAllAndOverride(FLAG, [Marked.prototype.own, Marked])).toBe('handler');
      expect(reflector.getAllAndOverride(FLAG, [Marked.prototype.plain, Unmarked])).toBe(undefined);
      expect(reflector.getAllAndOverride('test:other', [Marked.prototype.own, Marked])).toBe(undefined);
    };
    try {
      ask();
      const firstReads = read.mock.calls.length;
      expect(firstReads).toBeGreaterThan(0);
      ask();
      ask();
      expect(read).toHaveBeenCalledTimes(firstReads);
    } finally {
      read.mockRestore();
    }
  });
});
