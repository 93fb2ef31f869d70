import { createHash } from 'node:crypto';
import { Agent } from 'undici';

/**
 * The loopback address a simulated person connects from. The app runs with its production rate limits,
 * which are per client address; real customers and technicians each come from their own network, so each
 * identity (an email signing in, or a session's token) gets its own address in 127.0.0.0/8, all of which
 * reach this machine. A test about the per-address budgets pins one address with `from`.
 */
export function clientAddress(identity: string): string {
  const [a, b, c] = createHash('sha256').update(identity).digest();
  return `127.${a % 254}.${b}.${(c % 253) + 2}`;
}

const agents = new Map<string, Agent>();
/** One connection pool per source address. */
export function agentFrom(address: string): Agent {
  let agent = agents.get(address);
  if (!agent) agents.set(address, (agent = new Agent({ localAddress: address })));
  return agent;
}
