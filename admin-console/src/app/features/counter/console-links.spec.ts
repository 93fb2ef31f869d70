import { consoleRepairUrl } from './console-links';

describe('consoleRepairUrl', () => {
  it('puts the repair under the console base href, encoded', () => {
    expect(consoleRepairUrl('a1b2', 'https://shop.example.com/console/')).toBe('https://shop.example.com/console/repairs/a1b2');
    expect(consoleRepairUrl('a b', 'http://localhost:3000/console/')).toBe('http://localhost:3000/console/repairs/a%20b');
  });
});
