import fs from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../../helpers/server-process.ts';
import { testBackend } from '../../helpers/test-database.ts';

// The embedded database used to listen on a loopback port where anyone on the machine could connect as
// superuser, read the password hashes and forge an admin session. Now it has no address at all: the
// server's process reaches it through in-process streams, so the HTTP port is the only way in.

interface ListeningSocket {
  kind: 'tcp' | 'tcp6' | 'unix';
  inode: string;
  where: string;
}

/** Every socket in the system that is listening, from /proc/net. */
function listeningSockets(): ListeningSocket[] {
  const sockets: ListeningSocket[] = [];
  for (const kind of ['tcp', 'tcp6'] as const) {
    for (const line of fs.readFileSync(`/proc/net/${kind}`, 'utf8').trim().split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      // st 0A is LISTEN; the local address is hex ip:port.
      if (fields[3] === '0A') sockets.push({ kind, inode: fields[9], where: `port ${parseInt(fields[1].split(':')[1], 16)}` });
    }
  }
  for (const line of fs.readFileSync('/proc/net/unix', 'utf8').trim().split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    // Flags with __SO_ACCEPTCON (0x10000) mark a listening socket.
    if ((parseInt(fields[3], 16) & 0x10000) !== 0) sockets.push({ kind: 'unix', inode: fields[6], where: fields[7] ?? '(unnamed)' });
  }
  return sockets;
}

/** The socket inodes a process holds open (its threads share them). */
function socketInodesOf(pid: number): Set<string> {
  const inodes = new Set<string>();
  for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match) inodes.add(match[1]);
    } catch {
      // closed meanwhile
    }
  }
  return inodes;
}

describe.skipIf(testBackend() !== 'embedded')('the embedded database cannot be reached from outside the server process', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess();
  });
  afterAll(() => server?.stop());

  it('listens on nothing but its HTTP port: no database port, no database socket file', async () => {
    // The server answers API requests, so its database is open.
    expect((await fetch(`${server.baseUrl}/api/health`)).status).toBe(200);
    const mine = socketInodesOf(server.pid);
    const listening = listeningSockets().filter((socket) => mine.has(socket.inode));
    expect(listening.map((socket) => `${socket.kind} ${socket.where}`)).toEqual([`tcp port ${server.port}`]);
  });

  it('refuses a PostgreSQL client on every address the process listens on', async () => {
    const mine = socketInodesOf(server.pid);
    const ports = listeningSockets()
      .filter((socket) => mine.has(socket.inode) && socket.kind !== 'unix')
      .map((socket) => Number(socket.where.replace('port ', '')));
    expect(ports.length).toBeGreaterThan(0);
    for (const port of ports) {
      const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres', connectionTimeoutMillis: 5000 });
      client.on('error', () => {});
      await expect(client.connect(), `port ${port} spoke PostgreSQL`).rejects.toThrow();
      await client.end().catch(() => {});
    }
    // …and the server is unharmed by the attempt.
    expect(server.alive()).toBe(true);
    expect((await fetch(`${server.baseUrl}/api/health`)).status).toBe(200);
  });
});
