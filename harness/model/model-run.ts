import fc from 'fast-check';
import type { CheckContext } from '../check.js';
import { describeOutcome, type Outcome } from '../session/outcome.js';
import { commandArbitrary, Ehlo } from './commands/index.js';
import { ModelMismatch } from './judge.js';
import type { Property } from './property.js';
import type { Real } from './real.js';
import { freshConnection, type ModelState } from './state.js';

/** The commands of one run, as fast-check hands them over (wrapped, with their run flags). */
export type ModelCommands = Iterable<fc.AsyncCommand<ModelState, Real, boolean>>;

export interface ModelRunOptions {
  /** Strict: replies are held against the model (session-model); lenient: only observed (grammar). */
  readonly strict: boolean;
  readonly observe?: (command: string, outcome: Outcome) => void;
  readonly maxCommands: number;
  readonly longLines: boolean;
  /** After the last command, listen this long for replies nobody asked for (§4.2: one per command). */
  readonly listenAfterMs?: number;
}

/** fast-check model-based runs (`fc.commands` + `fc.asyncModelRun`) of SMTP sessions against the target. */
export function modelProperty(ctx: CheckContext, opts: ModelRunOptions): Property<[boolean, ModelCommands]> {
  return {
    // Most runs start with EHLO, as clients do; the others probe the state before it (§4.1.4).
    arbitrary: fc.tuple(
      fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, fc.constant(false)),
      fc.commands([commandArbitrary(ctx, { longLines: opts.longLines })], { maxCommands: opts.maxCommands, size: 'max' }),
    ),
    run: async ([ehlo, cmds], env) => {
      const session = await env.connect();
      const real: Real = { session, ctx, connect: env.connect, log: env.log, strict: opts.strict, commands: 0, silences: 0, ...(opts.observe ? { observe: opts.observe } : {}) };
      env.log.connection(1, session.greeting);
      try {
        opts.observe?.('greeting', session.greeting);
        const g = session.greeting;
        if (g.kind !== 'reply' || g.code !== 220) throw new ModelMismatch('connect', ['220 greeting'], describeOutcome(g), 'new connection');
        const setup = async () => {
          const model = freshConnection(1, session.tlsActive);
          if (ehlo) await new Ehlo().run(model, real);
          return { model, real };
        };
        await fc.asyncModelRun(setup, cmds);
        if (opts.listenAfterMs && !real.session.isClosed) {
          for (const extra of await real.session.readExtra(opts.listenAfterMs)) {
            env.log.received(extra);
            opts.observe?.('nothing (an extra reply)', extra);
            if (extra.kind === 'reply') throw new ModelMismatch('(nothing sent)', ['no reply: one reply per command (RFC 5321 §4.2)'], describeOutcome(extra), 'after the last command');
          }
        }
      } finally {
        env.commands += real.commands;
        env.silences += real.silences;
      }
    },
  };
}
