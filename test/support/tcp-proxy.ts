import { createServer, Server, Socket } from 'node:net';

/**
 * A TCP proxy the test puts between the service and the database, to make
 * the database go away (refuse), stop answering (hang), and come back.
 */
export class TcpProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private hanging = false;
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(): Promise<this> {
    this.server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve) =>
      this.server!.listen(this.port, '127.0.0.1', resolve),
    );
    this.port = (this.server.address() as { port: number }).port;
    return this;
  }

  /** The database goes away: no listener, every connection cut. */
  async refuse(): Promise<void> {
    this.cutAll();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** The database stops answering: connections stay open, no byte gets through. */
  hang(): void {
    this.hanging = true;
    for (const socket of this.sockets) {
      socket.unpipe();
      socket.pause();
    }
  }

  /** The database is back: hung connections are cut, new ones go through. */
  async restore(): Promise<void> {
    this.hanging = false;
    this.cutAll();
    if (!this.server?.listening) await this.start();
  }

  async stop(): Promise<void> {
    await this.refuse();
  }

  private accept(client: Socket): void {
    this.track(client);
    if (this.hanging) {
      client.pause();
      return;
    }
    const upstream = new Socket();
    this.track(upstream);
    upstream.connect(this.targetPort, this.targetHost);
    client.pipe(upstream).pipe(client);
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  }

  private cutAll(): void {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }
}
