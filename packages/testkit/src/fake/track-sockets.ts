import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/** The connections `server` holds open, so `close()` can destroy them instead of waiting on a hung client. */
export function trackSockets(server: Server): Set<Socket> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return sockets;
}
