import { awaitRelayOrBounce, describeWait, sinkRecipient } from '../../harness/relay.js';
import { info, inconclusive, nonStrict, pass, violation } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { describeClause, REGISTERED_WITH, relayProbe, sessionReceived } from './received-field.js';

// RFC 5321 §4.4: the clauses of the Received field a server prepends - FROM with the EHLO name and
// the TCP peer, FOR naming one path at most (§7.2: several would disclose Bcc recipients), an
// RFC 5322 date-time without obsolete forms, a registered WITH protocol name.

const NOT_ARRIVED = 'the message did not reach the sink';

const IP_LITERAL = /\[(?:IPv6:)?[0-9A-Fa-f:.]+\]|\b\d{1,3}(?:\.\d{1,3}){3}\b|\b[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}\b/;

const DATE_TIME =
  /^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ?, ?)?(\d{1,2}) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d+) \d{2} ?: ?\d{2}(?: ?: ?\d{2})? ([+-]\d{4}|[A-Za-z]+)$/;

export const receivedClauseChecks = [
  defineCheck({
    id: 'rfc5321/4.4/received-from-clause',
    title: 'Relays a message to the sink and reads the FROM clause of the Received field the server prepended',
    requirement: 'The Received field MUST contain a FROM clause, which SHOULD carry the EHLO name and the address literal of the TCP peer',
    level: 'MUST',
    catalog: ['5321-4.4-received-from-clause'],
    needs: ['sink'],
    run: async (s, ctx) => {
      const arrival = await relayProbe(s, ctx, [sinkRecipient(ctx, 'full')]);
      const expected = [`from ${ctx.heloName} (... [peer address])`];
      const t = arrival.delivered;
      if (!t) return inconclusive(expected, arrival.bounce ? 'bounced' : describeWait(ctx, arrival), NOT_ARRIVED);
      const r = sessionReceived(t);
      if (!r) return violation(expected, `${describeWait(ctx, arrival)}; no Received field`, 'the server added no Received field');
      const actual = `${describeWait(ctx, arrival)}; ${describeClause(r, 'from')}`;
      const from = r.clauses.get('from');
      if (!from || from.words.length === 0) return violation(expected, actual, 'the Received field has no FROM clause');
      const text = [...from.words, ...from.comments].join(' ');
      const missing = [
        ...(text.toLowerCase().includes(ctx.heloName.toLowerCase()) ? [] : ['the EHLO name']),
        ...(IP_LITERAL.test(text) ? [] : ['the TCP peer address']),
      ];
      return missing.length === 0 ? pass(expected, actual) : nonStrict(expected, actual, `the FROM clause lacks ${missing.join(' and ')}`);
    },
  }),

  defineCheck({
    id: 'rfc5321/4.4/received-for-single-path',
    title: 'Relays one transaction with two recipients to the sink and reads the FOR clause of each copy',
    requirement: 'A FOR clause MUST name exactly one path, and SHOULD NOT disclose another recipient of the transaction',
    level: 'MUST',
    catalog: ['5321-4.4-received-for-single-path'],
    needs: ['sink'],
    run: async (s, ctx) => {
      const a = sinkRecipient(ctx, 'full', 'relay-a');
      const b = sinkRecipient(ctx, 'full', 'relay-b');
      const first = await relayProbe(s, ctx, [a, b], 'relay-a');
      const second = await awaitRelayOrBounce(ctx, 'relay-b');
      const expected = ['no FOR clause, or FOR with one path that is a recipient of that copy'];
      const copies = [first.delivered, second.delivered].filter((t, i, all): t is NonNullable<typeof t> => t !== undefined && all.findIndex((x) => x?.seq === t.seq) === i);
      if (copies.length === 0) return inconclusive(expected, first.bounce || second.bounce ? 'bounced' : describeWait(ctx, first), NOT_ARRIVED);
      const seen = copies.map((t) => ({ t, r: sessionReceived(t) }));
      const actual = `${describeWait(ctx, first)}; ${seen.map(({ t, r }) => `copy to ${t.rcpts.map((x) => x.address).join(', ')}: ${r ? describeClause(r, 'for') : 'no Received field'}`).join('; ')}`;
      for (const { t, r } of seen) {
        const forClause = r?.clauses.get('for');
        if (!forClause) continue;
        const paths = forClause.words.flatMap((w) => w.split(',')).filter((w) => w !== '');
        if (paths.length !== 1) return violation(expected, actual, `the FOR clause names ${paths.length} paths`);
        const named = paths[0]!.replace(/^<|>$/g, '').toLowerCase();
        if (!t.rcpts.some((x) => x.address.toLowerCase() === named)) return nonStrict(expected, actual, 'the FOR clause of a copy names another recipient of the transaction (Bcc disclosure)');
      }
      return pass(expected, actual);
    },
  }),

  defineCheck({
    id: 'rfc5321/4.4/received-date',
    title: 'Relays a message to the sink and parses the date-time after the ";" of the Received field',
    requirement: 'The date-time MUST NOT use the obsolete RFC 5322 forms (two-digit year); the zone SHOULD be a numeric offset',
    level: 'MUST NOT',
    catalog: ['5321-4.4-received-date'],
    needs: ['sink'],
    run: async (s, ctx) => {
      const arrival = await relayProbe(s, ctx, [sinkRecipient(ctx, 'full')]);
      const expected = ['; [day-name ","] day month four-digit-year hh:mm[:ss] +hhmm/-hhmm'];
      const t = arrival.delivered;
      if (!t) return inconclusive(expected, arrival.bounce ? 'bounced' : describeWait(ctx, arrival), NOT_ARRIVED);
      const r = sessionReceived(t);
      if (!r) return violation(expected, `${describeWait(ctx, arrival)}; no Received field`, 'the server added no Received field');
      const actual = `${describeWait(ctx, arrival)}; date-time "${r.date ?? '(no ";")'}"`;
      if (r.date === undefined || r.date === '') return violation(expected, actual, 'the Received field has no date-time after a ";"');
      const m = DATE_TIME.exec(r.date);
      if (!m) return violation(expected, actual, 'the date-time is not RFC 5322 syntax');
      if (m[2]!.length < 4) return violation(expected, actual, `the year "${m[2]}" is the obsolete two- or three-digit form`);
      if (!/^[+-]\d{4}$/.test(m[3]!)) return nonStrict(expected, actual, `the zone "${m[3]}" is a name (obsolete), not a numeric offset`);
      return pass(expected, actual);
    },
  }),

  defineCheck({
    id: 'rfc5321/4.4/received-with-protocol',
    title: 'Relays a message to the sink and reads the WITH clause of the Received field',
    requirement: 'The WITH clause SHOULD NOT use an unregistered protocol name (SMTP, ESMTP, RFC 3848/6531 names; any case)',
    level: 'SHOULD NOT',
    catalog: ['5321-4.4-received-with-protocol'],
    needs: ['sink'],
    run: async (s, ctx) => {
      const arrival = await relayProbe(s, ctx, [sinkRecipient(ctx, 'full')]);
      const expected = ['with <a registered protocol name>'];
      const t = arrival.delivered;
      if (!t) return inconclusive(expected, arrival.bounce ? 'bounced' : describeWait(ctx, arrival), NOT_ARRIVED);
      const r = sessionReceived(t);
      if (!r) return info(expected, `${describeWait(ctx, arrival)}; no Received field`, 'no Received field to read (rfc5321/4.4/received-prepended grades that)');
      const actual = `${describeWait(ctx, arrival)}; ${describeClause(r, 'with')}`;
      const name = r.clauses.get('with')?.words[0];
      if (name === undefined) return info(expected, actual, 'the WITH clause is optional and absent');
      return REGISTERED_WITH.has(name.toUpperCase()) ? pass(expected, actual) : violation(expected, actual, `"${name}" is not a registered WITH protocol name`);
    },
  }),
];
