// The baseline of chat.bench.mjs in its own process: a plain socket.io server with the same namespace,
// events and payloads as our /chat gateway, broadcasting without auth, rate limits or persistence.
// Prints the port.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const http = createServer();
const server = new Server(http, { maxHttpBufferSize: 16 * 1024 });
const chat = server.of('/chat');
chat.on('connection', (socket) => {
  socket.on('conversation:join', ({ conversationId }, ack) => {
    socket.join(conversationId);
    ack({ ok: true, missed: [] });
  });
  socket.on('message:send', ({ conversationId, content, clientId }, ack) => {
    const message = {
      id: randomUUID(),
      conversationId,
      senderId: null,
      type: 'text',
      content,
      clientId,
      createdAt: new Date().toISOString(),
    };
    chat.to(conversationId).emit('message:new', { message });
    ack({ ok: true, message });
  });
});
http.listen(0, '127.0.0.1', () => process.stdout.write(`${http.address().port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
