import { emailProblem, nameProblem, normalizeEmail, normalizeName, normalizePhone, phoneFragment } from './identity-text.js';

describe('normalizeEmail', () => {
  it('folds composed and decomposed, full-width and upper-case forms into one', () => {
    const composed = 'jos\u00e9@example.com';
    expect(normalizeEmail('jose\u0301@example.com')).toBe(composed);
    expect(normalizeEmail(' JOS\u00c9@Example.COM ')).toBe(composed);
    expect(normalizeEmail('\uff41\uff44\uff4d\uff49\uff4e\uff20\uff45\uff58\uff41\uff4d\uff50\uff4c\uff45.com')).toBe('admin@example.com');
  });

  it('keeps the domain in IDNA ASCII form, and is idempotent', () => {
    expect(normalizeEmail('ana@b\u00fccher.de')).toBe('ana@xn--bcher-kva.de');
    expect(normalizeEmail(normalizeEmail('Ana@B\u00fccher.DE'))).toBe('ana@xn--bcher-kva.de');
  });
});

describe('emailProblem', () => {
  it('accepts ordinary and non-Latin addresses', () => {
    for (const email of ['ada@example.com', 'jos\u00e9@example.com', '\u0438\u0432\u0430\u043d@example.com', 'ana@xn--bcher-kva.de']) {
      expect(emailProblem(normalizeEmail(email))).toBeNull();
    }
  });

  it('refuses invisible and text-direction characters', () => {
    for (const email of ['ad\u200bmin@example.com', 'admin\u202e@example.com', 'ad\u2066min@example.com', 'ad\u00admin@example.com']) {
      expect(emailProblem(normalizeEmail(email))).toMatch(/invisible/);
    }
  });

  it('refuses a part mixing look-alike scripts, in the local part or the domain', () => {
    expect(emailProblem(normalizeEmail('\u0430dmin@example.com'))).toMatch(/mix/);
    expect(emailProblem(normalizeEmail('admin@ex\u0430mple.com'))).toMatch(/mix/);
    expect(emailProblem(normalizeEmail('admin@g\u043e\u043egle.com'))).toMatch(/mix/);
  });
});

describe('names', () => {
  it('keep real scripts and accents, composed', () => {
    expect(normalizeName('  Jose\u0301 ')).toBe('Jos\u00e9');
    for (const name of ['\u674e\u5c0f\u9f99', '\u0645\u062d\u0645\u062f', '\u0418\u0432\u0430\u043d', 'Ren\u00e9e O\u2019Brien', '\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645']) {
      expect(nameProblem(normalizeName(name))).toBeNull();
    }
  });

  it('refuse invisible and text-direction characters', () => {
    for (const name of ['Ad\u200ba', '\u202eadmin', 'Ada\u2066', '\u200dAda', 'Ada\u0000']) {
      expect(nameProblem(normalizeName(name))).toMatch(/invisible/);
    }
  });
});

describe('normalizePhone', () => {
  it('matches one number however it was typed', () => {
    expect(normalizePhone('+44 20 7946 0958')).toBe('+442079460958');
    expect(normalizePhone('0044 (20) 7946-0958')).toBe('+442079460958');
    expect(normalizePhone('020.7946.0958')).toBe('02079460958');
  });

  it('refuses what is not a phone number', () => {
    expect(normalizePhone('call me')).toBeNull();
    expect(normalizePhone('12345')).toBeNull();
    expect(normalizePhone('+1234567890123456')).toBeNull();
  });
});

describe('phoneFragment', () => {
  it('keeps the digits of a phone number typed in any format, without trunk or international zeros', () => {
    expect(phoneFragment('020 7946-0123')).toBe('2079460123');
    expect(phoneFragment('+44 (0)20 7946')).toBe('440207946');
    expect(phoneFragment('0044 20')).toBe('4420');
  });

  it('keeps the zeros of a number\'s tail that would otherwise leave too few digits', () => {
    expect(phoneFragment('00123')).toBe('00123');
    expect(phoneFragment('0 0 1 2')).toBe('0012');
  });

  it('is null for text that is not a phone number, or too short to mean one', () => {
    expect(phoneFragment('ada@example.com')).toBeNull();
    expect(phoneFragment('R-1042')).toBeNull();
    expect(phoneFragment('012')).toBeNull();
  });
});
