export * from './enums.js';
export * from './state-machines.js';
export * from './problem.js';
export * from './auth.js';
export * from './money.js';
export * from './repairs.js';
export * from './payments.js';
export * from './chat.js';
