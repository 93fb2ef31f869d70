import { startTestApp, type TestApp } from './support/test-app.js';

describe('shop settings', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      SHOP_NAME: 'Fix-It Corner',
      SHOP_ADDRESS: '3 Mill Lane, Leeds LS1 4AB',
      SHOP_OPENING_HOURS: 'Mon-Fri 09:00-17:30; Sat 10:00-13:00',
      SHOP_CURRENCY: 'gbp',
      SHOP_CURRENCIES: 'gbp,eur',
    });
  });
  afterAll(() => t.close());

  it('tells anyone, signed in or not, where the shop is, when it opens and what it charges in', async () => {
    const res = await t.api.get('/shop');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      name: 'Fix-It Corner',
      address: '3 Mill Lane, Leeds LS1 4AB',
      openingHours: [
        { days: ['mon', 'tue', 'wed', 'thu', 'fri'], opens: '09:00', closes: '17:30' },
        { days: ['sat'], opens: '10:00', closes: '13:00' },
      ],
      currency: 'gbp',
      currencies: ['gbp', 'eur'],
    });
  });
});
