// The token: its one type and the one rule for what can be sent. The sign-in
// input box, the credential store and the HTTP layer all ask `tokenProblem`,
// so a token the HTTP layer would refuse is refused where it is typed.

import type { TokenKind } from './types';

export interface Credentials {
  tokenKind: TokenKind;
  token: string;
}

/**
 * Why `token` cannot be sent in an Authorization header, or undefined when it
 * can: it must be non-empty printable ASCII without spaces (anything else is
 * not a legal header value, and the HTTP library would throw with the value in
 * its message).
 */
type TokenProblem = 'empty' | 'space' | 'notAscii';

export function tokenProblem(token: string): TokenProblem | undefined {
  if (!token) return 'empty';
  if (/\s/.test(token)) return 'space';
  if (!/^[\x21-\x7e]+$/.test(token)) return 'notAscii';
  return undefined;
}

/** The Authorization header value: OAuth tokens and IAM (Bearer) tokens are named differently. */
export function authorization(c: Credentials): string {
  return `${c.tokenKind === 'iam' ? 'Bearer' : 'OAuth'} ${c.token}`;
}
