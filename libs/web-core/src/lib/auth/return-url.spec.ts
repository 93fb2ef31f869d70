import { safeReturnUrl } from './return-url';

describe('safeReturnUrl', () => {
  it('follows paths inside the app', () => {
    expect(safeReturnUrl('/repairs/42?tab=chat', '/repairs')).toBe('/repairs/42?tab=chat');
  });

  it('never leaves the app or loops back to the auth pages', () => {
    for (const url of ['https://evil.example', '//evil.example', '/\\evil.example', 'javascript:alert(1)', '/sign-in', '/sign-up?x=1', '', undefined, null]) {
      expect(safeReturnUrl(url, '/repairs')).toBe('/repairs');
    }
  });
});
