import type { DeviceType, Role, Urgency } from '@repairhub/contracts';

/** Demo logins, seeded only on an empty database when DEMO_DATA is on (printed at that start). */
export const DEMO_USERS = [
  { email: 'customer@demo.repairhub.dev', name: 'Casey Customer', role: 'customer', password: 'demo-customer-pass' },
  { email: 'tech@demo.repairhub.dev', name: 'Taylor Technician', role: 'technician', password: 'demo-technician-pass' },
  { email: 'admin@demo.repairhub.dev', name: 'Avery Admin', role: 'admin', password: 'demo-admin-pass' },
] as const;

/** The rest of the shop's people; nobody signs in as them, so their passwords are random. */
export const DEMO_EXTRA_PEOPLE: readonly { email: string; name: string; role: Role }[] = [
  { email: 'jordan.lee@demo.repairhub.dev', name: 'Jordan Lee', role: 'customer' },
  { email: 'priya.shah@demo.repairhub.dev', name: 'Priya Shah', role: 'customer' },
  { email: 'marco.rossi@demo.repairhub.dev', name: 'Marco Rossi', role: 'customer' },
  { email: 'sam.rivera@demo.repairhub.dev', name: 'Sam Rivera', role: 'technician' },
];

/** Customers by index: Casey (the demo login), Jordan, Priya, Marco. Technicians: Taylor (demo login), Sam. */
export type CustomerIndex = 0 | 1 | 2 | 3;
export type TechnicianIndex = 0 | 1;

/** One thing that happens to a repair, in the order the script lists them. */
export type DemoStep =
  | { do: 'claim' }
  | { do: 'quote'; parts: number; labor: number; notes?: string }
  | { do: 'reject'; reason: string }
  /** The open quote runs out without an answer. */
  | { do: 'expire' }
  /** The customer accepts the open quote and pays (test mode). */
  | { do: 'pay' }
  | { do: 'refund'; amount?: number; reason: string }
  | { do: 'start'; note?: string }
  | { do: 'complete'; note?: string }
  | { do: 'cancel'; by: 'customer' | 'technician'; note: string }
  | { do: 'say'; who: 'customer' | 'technician'; text: string };

export interface DemoRepair {
  customer: CustomerIndex;
  technician: TechnicianIndex;
  device: { type: DeviceType; brand: string; model: string };
  issue: string;
  urgency: Urgency;
  /** When the customer filed it. */
  daysAgo: number;
  steps: DemoStep[];
  /** A booked drop-off: today (0) or tomorrow (1), at that slot of the day (the last one if the day has fewer). */
  dropOff?: { day: 0 | 1; slot: number };
}

const quote = (parts: number, labor: number, notes?: string): DemoStep => ({ do: 'quote', parts, labor, notes });
const say = (who: 'customer' | 'technician', text: string): DemoStep => ({ do: 'say', who, text });
const PAY: DemoStep = { do: 'pay' };
const START: DemoStep = { do: 'start' };
const COMPLETE: DemoStep = { do: 'complete' };

/** 23 repairs over the last seven weeks, in every repair status, oldest first. */
export const DEMO_REPAIRS: readonly DemoRepair[] = [
  {
    customer: 2, technician: 1, device: { type: 'tablet', brand: 'Lenovo', model: 'Tab P11' }, urgency: 'normal', daysAgo: 45,
    issue: 'The corner of the screen is cracked and the crack is spreading towards the middle.',
    steps: [quote(6900, 3500, 'Replacement glass and digitizer.'), PAY, START, { do: 'complete', note: 'New glass fitted and calibrated.' }],
  },
  {
    customer: 0, technician: 1, device: { type: 'wearable', brand: 'Garmin', model: 'Forerunner 255' }, urgency: 'low', daysAgo: 40,
    issue: 'The watch no longer holds a charge for more than half a day.',
    steps: [quote(3900, 2500, 'New battery.'), PAY, START, COMPLETE],
  },
  {
    customer: 2, technician: 0, device: { type: 'phone', brand: 'Samsung', model: 'Galaxy S22' }, urgency: 'urgent', daysAgo: 34,
    issue: 'The phone will not turn on after last night’s system update; the screen stays black.',
    steps: [
      quote(4500, 6000, 'Board-level diagnosis and firmware reflash.'),
      PAY,
      say('technician', 'Good news: the manufacturer covers this fault. I’ll refund you once it’s fixed.'),
      START,
      COMPLETE,
      { do: 'refund', reason: 'Covered by the manufacturer’s warranty.' },
    ],
  },
  {
    customer: 0, technician: 0, device: { type: 'desktop', brand: 'Apple', model: 'iMac 24' }, urgency: 'low', daysAgo: 30,
    issue: 'The fan is loud all the time, even when nothing is running.',
    steps: [{ do: 'cancel', by: 'customer', note: 'Sorted it myself: it was dust in the vents.' }],
  },
  {
    customer: 3, technician: 1, device: { type: 'laptop', brand: 'HP', model: 'Spectre x360' }, urgency: 'normal', daysAgo: 28,
    issue: 'The left hinge snapped and the lid no longer stays open.',
    steps: [
      quote(8500, 4000, 'Hinge assembly and bezel clips.'),
      PAY,
      START,
      say('technician', 'The hinge is on back order from the supplier, sorry for the wait.'),
      say('customer', 'No problem, thanks for letting me know.'),
      COMPLETE,
      { do: 'refund', amount: 2000, reason: 'Goodwill discount for the delayed part.' },
    ],
  },
  {
    customer: 1, technician: 1, device: { type: 'phone', brand: 'Google', model: 'Pixel 7' }, urgency: 'normal', daysAgo: 25,
    issue: 'The rear camera will not focus on anything closer than a metre.',
    steps: [
      quote(11900, 3000, 'Main camera module.'),
      { do: 'reject', reason: 'Too expensive for an older phone.' },
      { do: 'cancel', by: 'customer', note: 'I’ll replace the phone instead.' },
    ],
  },
  {
    customer: 1, technician: 0, device: { type: 'phone', brand: 'Apple', model: 'iPhone 12 mini' }, urgency: 'normal', daysAgo: 22,
    issue: 'Face ID stopped working after the phone fell off the table.',
    steps: [quote(9900, 4500, 'TrueDepth camera module.'), PAY, START, COMPLETE],
  },
  {
    customer: 0, technician: 0, device: { type: 'laptop', brand: 'Lenovo', model: 'ThinkPad X1 Carbon' }, urgency: 'normal', daysAgo: 20,
    issue: 'The battery drains from full to empty in under an hour.',
    steps: [
      quote(8900, 3500, 'Genuine replacement battery.'),
      say('customer', 'Will I lose any of my files?'),
      say('technician', 'No, a battery swap does not touch the drive.'),
      PAY,
      { do: 'start', note: 'Battery ordered and fitted.' },
      { do: 'complete', note: 'Tested through two full charge cycles.' },
      say('customer', 'Picked it up, works like new. Thank you!'),
    ],
  },
  {
    customer: 0, technician: 1, device: { type: 'phone', brand: 'Fairphone', model: '4' }, urgency: 'low', daysAgo: 18,
    issue: 'People say my voice sounds muffled on calls.',
    steps: [quote(2900, 2000, 'Microphone module.'), { do: 'expire' }, { do: 'cancel', by: 'technician', note: 'No answer to the quote.' }],
  },
  {
    customer: 2, technician: 1, device: { type: 'wearable', brand: 'Apple', model: 'Watch Series 7' }, urgency: 'normal', daysAgo: 16,
    issue: 'The glass cracked after a fall and the touch screen misses taps.',
    steps: [
      quote(14900, 3000, 'Display assembly.'),
      { do: 'expire' },
      say('customer', 'Sorry, I missed the quote. Can you send a new one?'),
      say('technician', 'Of course, I’ll check the part price and send it again.'),
    ],
  },
  {
    customer: 3, technician: 1, device: { type: 'phone', brand: 'OnePlus', model: '11' }, urgency: 'normal', daysAgo: 14,
    issue: 'The earpiece speaker is distorted on every call.',
    steps: [quote(3500, 2500, 'Earpiece speaker.'), PAY, START, COMPLETE],
  },
  {
    customer: 1, technician: 1, device: { type: 'console', brand: 'Nintendo', model: 'Switch OLED' }, urgency: 'normal', daysAgo: 12,
    issue: 'The left Joy-Con drifts upwards in every game.',
    steps: [quote(2500, 2000, 'Analog stick module.'), PAY, START, say('customer', 'Could you check the right one too while it’s open?'), say('technician', 'Will do.')],
  },
  {
    customer: 3, technician: 0, device: { type: 'laptop', brand: 'ASUS', model: 'ROG Zephyrus G14' }, urgency: 'urgent', daysAgo: 10,
    issue: 'The laptop does not boot past the logo; I need it for work on Monday.',
    steps: [quote(0, 9500, 'Diagnosis and operating-system repair, no parts.'), PAY, START],
  },
  {
    customer: 2, technician: 0, device: { type: 'desktop', brand: 'Dell', model: 'XPS 8960' }, urgency: 'high', daysAgo: 9,
    issue: 'The PC restarts on its own whenever a game or a video export starts.',
    steps: [quote(12900, 4000, 'New power supply.'), PAY],
  },
  {
    customer: 2, technician: 1, device: { type: 'console', brand: 'Microsoft', model: 'Xbox Series X' }, urgency: 'normal', daysAgo: 7,
    issue: 'The disc drive grinds and spits discs out.',
    steps: [quote(7900, 3000, 'Disc drive replacement.'), PAY],
  },
  {
    customer: 1, technician: 0, device: { type: 'tablet', brand: 'Apple', model: 'iPad Air (5th generation)' }, urgency: 'high', daysAgo: 6,
    issue: 'The touch screen stops responding after a few minutes of use.',
    steps: [
      quote(17900, 4500, 'Display and digitizer.'),
      { do: 'reject', reason: 'I’d like a quote for the digitizer only.' },
      quote(9900, 4500, 'Digitizer only, the display is fine.'),
      say('customer', 'Thanks, that works for me. I’ll pay this evening.'),
    ],
  },
  {
    customer: 0, technician: 0, device: { type: 'tablet', brand: 'Samsung', model: 'Galaxy Tab S8' }, urgency: 'low', daysAgo: 5,
    issue: 'The charging port is loose; the tablet only charges at an angle.',
    steps: [],
    dropOff: { day: 1, slot: 3 },
  },
  {
    customer: 1, technician: 0, device: { type: 'laptop', brand: 'Dell', model: 'XPS 13' }, urgency: 'low', daysAgo: 4,
    issue: 'The keyboard backlight flickers and sometimes stays off.',
    steps: [quote(4900, 3000, 'Keyboard with backlight.')],
  },
  {
    customer: 3, technician: 0, device: { type: 'console', brand: 'Sony', model: 'PlayStation 5' }, urgency: 'high', daysAgo: 3,
    issue: 'The console overheats and shuts down after about twenty minutes.',
    steps: [quote(1500, 6000, 'Cleaning and new thermal compound.'), PAY, START],
  },
  {
    customer: 0, technician: 0, device: { type: 'phone', brand: 'Apple', model: 'iPhone 13' }, urgency: 'high', daysAgo: 2,
    issue: 'The screen is cracked across the top and touch stops working near the edge.',
    steps: [
      quote(8900, 4500, 'Genuine display assembly.'),
      say('customer', 'Can you keep my photos and data intact?'),
      say('technician', 'Yes, a screen replacement does not touch your data.'),
    ],
  },
  {
    customer: 1, technician: 0, device: { type: 'laptop', brand: 'Apple', model: 'MacBook Air M1' }, urgency: 'urgent', daysAgo: 1,
    issue: 'I spilled coffee on the keyboard and several keys no longer respond.',
    steps: [{ do: 'claim' }, say('technician', 'Please keep it switched off until you bring it in.')],
    dropOff: { day: 0, slot: 1 },
  },
  {
    customer: 2, technician: 0, device: { type: 'laptop', brand: 'Microsoft', model: 'Surface Laptop 5' }, urgency: 'normal', daysAgo: 1,
    issue: 'The trackpad clicks on its own and drags windows around.',
    steps: [],
    dropOff: { day: 0, slot: 6 },
  },
  {
    customer: 3, technician: 0, device: { type: 'other', brand: 'Bose', model: 'QuietComfort 45' }, urgency: 'low', daysAgo: 0,
    issue: 'The right ear cup crackles when noise cancelling is on.',
    steps: [],
    dropOff: { day: 1, slot: 1 },
  },
];

/**
 * Checked in at the counter this morning by the demo technician: a walk-in who gave only a phone number
 * (no account, no emails; the printed slip's link is how they follow it).
 */
export const DEMO_WALK_IN = {
  customer: { name: 'Robin Hart', phone: '+44 7700 900123' },
  device: { type: 'console', brand: 'Nintendo', model: 'Switch OLED' },
  issueDescription: 'The left Joy-Con drifts upwards on its own and the game character keeps walking.',
  urgency: 'normal',
  condition: 'Scuffed corners on the dock; screen protector fitted.',
  accessories: ['Charger', 'Case'],
  depositNote: '£20 cash, receipt 117',
} as const;
