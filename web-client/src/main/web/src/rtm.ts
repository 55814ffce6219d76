// The /rtm socket: connects with the token, resumes each channel from the last seq seen after a reconnect (so nothing is
// missed or seen twice), reconnects with backoff, and says which state it is in.

import { backoff, SeqTracker } from './model';

export type SocketState = 'connecting' | 'online' | 'reconnecting';

export interface RtmHandlers {
  /** A channel or user event, in order; channel events already checked against their seq. */
  event(e: RtmEvent): void;
  state(s: SocketState): void;
  /** Channels whose events could not be replayed (resync_required, a gap): the client reloads them. */
  resync(channels: string[]): void;
  /** A fresh token, asked for before the current one expires. */
  token(): Promise<string>;
  /** Called after every (re)connection's hello and resume. */
  ready(first: boolean): void;
}

export type RtmEvent = Record<string, any> & { type: string };

export class Rtm {
  readonly seqs = new SeqTracker();
  private socket?: WebSocket;
  private attempt = 0;
  private nextId = 1;
  private closed = false;
  private connectedOnce = false;
  private pingTimer?: ReturnType<typeof setInterval>;
  private readonly waiting = new Map<number, (reply: RtmEvent) => void>();
  private resumeId = 0;

  constructor(private token: string, private readonly handlers: RtmHandlers, private readonly base = location.host) {}

  start(): void {
    this.connect();
  }

  stop(): void {
    this.closed = true;
    clearInterval(this.pingTimer);
    this.socket?.close(1000);
  }

  /** Sends a frame and waits for its reply_to answer. */
  request(frame: Record<string, unknown>): Promise<RtmEvent> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.socket?.readyState !== WebSocket.OPEN) {
        reject(new Error('offline'));
        return;
      }
      this.waiting.set(id, resolve);
      this.socket.send(JSON.stringify({ ...frame, id }));
    });
  }

  send(frame: Record<string, unknown>): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(frame));
  }

  /** Drops the socket as a network failure would (for the "go offline" path and tests). */
  drop(): void {
    this.socket?.close(4999);
  }

  private connect(): void {
    const resume = this.connectedOnce && Object.keys(this.seqs.snapshot()).length > 0;
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const url = `${scheme}://${this.base}/rtm?token=${encodeURIComponent(this.token)}${resume ? '&resume=1' : ''}`;
    this.handlers.state(this.connectedOnce ? 'reconnecting' : 'connecting');
    const socket = new WebSocket(url);
    this.socket = socket;
    this.resumeId = 0;
    socket.onopen = () => {
      if (resume) {
        // The resume frame goes first; channel events wait for it on the server.
        this.resumeId = this.nextId++;
        socket.send(JSON.stringify({ id: this.resumeId, type: 'resume', channels: this.seqs.snapshot() }));
      }
    };
    socket.onmessage = (m) => {
      let e: RtmEvent;
      try {
        e = JSON.parse(m.data);
      } catch {
        return;
      }
      this.receive(e, resume);
    };
    socket.onclose = (e) => {
      if (socket !== this.socket) return;
      clearInterval(this.pingTimer);
      for (const resolve of this.waiting.values()) resolve({ type: 'error', ok: false, error: { msg: 'disconnected' } });
      this.waiting.clear();
      if (this.closed) return;
      this.handlers.state('reconnecting');
      // 4001/4002: the token ended; refresh it before reconnecting.
      const delay = backoff(this.attempt++);
      setTimeout(async () => {
        if (this.closed) return;
        if (e.code === 4001 || e.code === 4002 || !this.connectedOnce) {
          try {
            this.token = await this.handlers.token();
          } catch {
            // Keep the old one; the next attempt tries again.
          }
        }
        this.connect();
      }, delay);
    };
  }

  private receive(e: RtmEvent, resume: boolean): void {
    if (e.type === 'hello') {
      this.attempt = 0;
      clearInterval(this.pingTimer);
      this.pingTimer = setInterval(() => this.send({ id: this.nextId++, type: 'ping' }), 20_000);
      if (!resume) this.online();
      return;
    }
    if (e.reply_to !== undefined && e.reply_to === this.resumeId && this.resumeId) {
      const refused = Object.keys((e.refused as Record<string, string>) ?? {});
      for (const c of refused) this.seqs.reset(c);
      this.resumeId = 0;
      if (refused.length) this.handlers.resync(refused);
      this.online();
      return;
    }
    if (e.reply_to !== undefined) {
      const resolve = this.waiting.get(e.reply_to);
      this.waiting.delete(e.reply_to);
      resolve?.(e);
      return;
    }
    if (e.type === 'token_expiring') {
      this.handlers.token().then((token) => {
        this.token = token;
        this.send({ id: this.nextId++, type: 'token', token });
      }, () => undefined);
      return;
    }
    const channel = typeof e.seq === 'number' ? eventChannel(e) : undefined;
    if (channel) {
      const verdict = this.seqs.accept(channel, e.seq);
      if (verdict === 'duplicate') return;
      if (verdict === 'gap') {
        // Something was lost in between: reload the channel, then follow from this event on.
        this.seqs.reset(channel, e.seq as number);
        this.handlers.resync([channel]);
      }
    }
    this.handlers.event(e);
  }

  private online(): void {
    const first = !this.connectedOnce;
    this.connectedOnce = true;
    this.handlers.state('online');
    this.handlers.ready(first);
  }
}

/** The channel a sequenced event belongs to: messages name it, reactions and pins in their item. */
export function eventChannel(e: RtmEvent): string | undefined {
  const channel = e.channel ?? e.channel_id ?? e.item?.channel;
  return typeof channel === 'string' ? channel : undefined;
}
