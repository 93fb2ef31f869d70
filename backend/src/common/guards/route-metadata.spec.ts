import { Controller, Get, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { jest } from '@jest/globals';
import { Reflector } from '@nestjs/core';
import { overridden } from './route-metadata.js';

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
