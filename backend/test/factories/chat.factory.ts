import type { ConversationView, MessageView } from '@repairhub/contracts';
import type { TestApp } from '../support/test-app.js';
import type { TestUser } from './users.factory.js';

export async function openConversation(t: TestApp, user: TestUser, repairRequestId: string): Promise<ConversationView> {
  const response = await t.api.post('/conversations', { repairRequestId }, { token: user.token });
  if (response.status !== 200) throw new Error(`open conversation failed: ${response.status} ${response.text}`);
  return response.body;
}

export async function postMessage(t: TestApp, user: TestUser, conversationId: string, content: string, clientId?: string): Promise<MessageView> {
  const response = await t.api.post(`/conversations/${conversationId}/messages`, { content, ...(clientId ? { clientId } : {}) }, { token: user.token });
  if (response.status !== 201) throw new Error(`post message failed: ${response.status} ${response.text}`);
  return response.body;
}
