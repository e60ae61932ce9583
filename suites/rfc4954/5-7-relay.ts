import { handshake } from '../../harness/dialog.js';
import { awaitRelayOrBounce, bounceSender, describeRefusal, describeWait, dotStuffOctets, requireAccepted, sinkRecipient, taggedMessage } from '../../harness/relay.js';
import { paramValue, submitEnvelope } from '../../harness/relay-envelope.js';
import { inconclusive, pass, skip, violation } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { exactly, gradeReceivedWith } from '../rfc5321/received-with.js';
import { authenticate, NO_PASSWORD_MECHANISM } from './sasl-probes.js';

// RFC 4954 §5: an untrusted client's AUTH= never vouches for the submitter downstream - the relay
// treats it as AUTH=<> and passes on at most that. §7: after AUTH the Received field's WITH
// keyword records it (ESMTPA, ESMTPSA with TLS; RFC 3848), compared case-insensitively.

export const authRelayChecks = [
  defineCheck({
    id: 'rfc4954/5/auth-parameter-relay',
    title: 'Without authenticating, sends MAIL FROM:<tag@bounce.test> AUTH=boss@client.test for a recipient at the sink',
    requirement: 'The server MUST treat an unauthenticated AUTH= as AUTH=<> and MUST NOT pass the client-supplied mailbox on to the next hop',
    level: 'MUST',
    catalog: ['4954-5-auth-parameter-relay'],
    requires: ['AUTH'],
    needs: ['sink'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const to = sinkRecipient(ctx, 'full');
      const sub = await submitEnvelope(s, { from: bounceSender(ctx), mailParams: ['AUTH=boss@client.test'], rcpts: [{ address: to }], content: dotStuffOctets(taggedMessage(ctx, { to, body: 'AUTH= from an untrusted client\r\n' })) });
      const expected = ['no AUTH parameter, or AUTH=<>, on the MAIL command at the sink'];
      // Refusing the parameter is rfc4954/5/auth-parameter-unauthenticated's matter: nothing was relayed.
      if (!sub.accepted) return inconclusive(expected, describeRefusal(sub), 'the target did not take the message, so nothing was relayed');
      const arrival = await awaitRelayOrBounce(ctx);
      const t = arrival.delivered;
      if (!t) return inconclusive(expected, arrival.bounce ? 'bounced' : describeWait(ctx, arrival), 'the message did not reach the sink');
      const auth = paramValue(t.mailParams, 'AUTH');
      const actual = `${describeWait(ctx, arrival)}; MAIL FROM:<${t.mailFrom}> ${t.mailParams.join(' ')}`.trim();
      if (auth === undefined || auth === '<>') return pass(expected, actual);
      return violation(expected, actual, `AUTH=${auth} passed on for a client that did not authenticate`);
    },
  }),
  defineCheck({
    id: 'rfc4954/7/received-esmtpa',
    title: 'Authenticates (PLAIN, else LOGIN), relays a message to the sink and reads the WITH keyword of the Received field',
    requirement: 'After a successful AUTH the Received WITH clause SHOULD say ESMTPA (ESMTPSA over TLS), in any case',
    level: 'SHOULD',
    catalog: ['4954-7-received-esmtpa'],
    requires: ['AUTH'],
    needs: ['sink', 'auth'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      if (!(await authenticate(s, ctx))) return skip(NO_PASSWORD_MECHANISM);
      const to = sinkRecipient(ctx, 'full');
      requireAccepted(await submitEnvelope(s, { from: bounceSender(ctx), rcpts: [{ address: to }], content: dotStuffOctets(taggedMessage(ctx, { to, body: 'Received after AUTH\r\n' })) }));
      const arrival = await awaitRelayOrBounce(ctx);
      const want = s.tlsActive ? 'ESMTPSA' : 'ESMTPA';
      return gradeReceivedWith(ctx, arrival, exactly(want, (name) => `"${name}" does not record the authentication`));
    },
  }),
];
