import type Dockerode from 'dockerode';
import type { WaitStrategy } from 'testcontainers';
import { waitForGreeting } from '../greeting.js';

/**
 * testcontainers' wait strategy for a mail server on the host's network: ready means a 220
 * greeting on 127.0.0.1:port (the local targets' TCP probe). Waiting for a listening port returns
 * too early here (with host networking there are no mapped ports to watch), and a log line would be
 * each server's own. Gives up early when the container has exited.
 */
export class GreetingWaitStrategy implements WaitStrategy {
  /** The greeting, once waitUntilReady has seen it. */
  greeting = '';
  private startupTimeoutMs: number;
  private timeoutSet = false;

  constructor(private readonly host: string, private readonly port: number, timeoutMs: number) {
    this.startupTimeoutMs = timeoutMs;
  }

  async waitUntilReady(container: Dockerode.Container): Promise<void> {
    let running = true;
    const poll = setInterval(() => {
      container.inspect().then((s) => (running = s.State.Running), () => (running = false));
    }, 200);
    try {
      this.greeting = await waitForGreeting(this.host, this.port, { timeoutMs: this.startupTimeoutMs, alive: () => running });
    } finally {
      clearInterval(poll);
    }
  }

  withStartupTimeout(ms: number): this {
    this.startupTimeoutMs = ms;
    this.timeoutSet = true;
    return this;
  }

  isStartupTimeoutSet(): boolean {
    return this.timeoutSet;
  }

  getStartupTimeout(): number {
    return this.startupTimeoutMs;
  }
}
