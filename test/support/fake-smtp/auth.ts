import type { Answer, FakeSmtpOptions } from './options.js';

// AUTH PLAIN and LOGIN (RFC 4954) for the fake server: one user, base64 checked, "*" cancels.

export const FAKE_USER = 'fakeuser';
export const FAKE_PASS = 'fake-secret-pw';
const B64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** A 334 challenge: the client's next line is a response, read by `continueWith`, not a command. */
export interface Challenge {
  reply: string;
  continueWith: (line: string) => Step;
}

/** What the fake does with a line: answer it, or challenge and read the next line itself. */
export type Step = Answer | Challenge;

export function isChallenge(step: Step): step is Challenge {
  return typeof step === 'object' && step !== null && 'continueWith' in step;
}

/**
 * The exchange after `AUTH <arg>` (the caller has checked that AUTH is allowed now); `succeeded`
 * is called when the credentials are right.
 */
export function authExchange(arg: string, o: FakeSmtpOptions, succeeded: () => void): Step {
  const checkCreds = (user: string, pass: string): Step => {
    if (user !== FAKE_USER || pass !== FAKE_PASS) return '535 5.7.8 Authentication credentials invalid';
    succeeded();
    return '235 2.7.0 Authentication successful';
  };
  const response = (line: string, next: (decoded: string) => Step): Step => {
    if (line === '*') return `${o.cancelCode ?? 501} 5.7.0 Authentication cancelled`;
    if (line === '=' && !o.emptyResponseIsBadBase64) return next('');
    if (!B64.test(line)) return '501 5.5.2 Invalid base64 data';
    return next(Buffer.from(line, 'base64').toString('utf8'));
  };
  const plain = (decoded: string): Step => {
    const [, user = '', pass = ''] = decoded.split('\0');
    return checkCreds(user, pass);
  };

  const [mech = '', initial] = arg.split(' ');
  switch (mech.toUpperCase()) {
    case 'PLAIN':
      if (initial !== undefined) return response(initial, plain);
      return { reply: '334 ', continueWith: (line) => response(line, plain) };
    case 'LOGIN': {
      const [userPrompt, passPrompt] = o.loginPrompts ?? ['VXNlcm5hbWU6', 'UGFzc3dvcmQ6'];
      return {
        reply: `334 ${userPrompt}`,
        continueWith: (line) =>
          response(line, (user) => ({ reply: `334 ${passPrompt}`, continueWith: (line2) => response(line2, (pass) => checkCreds(user, pass)) })),
      };
    }
    default:
      return '504 5.5.4 Unrecognized authentication type';
  }
}
