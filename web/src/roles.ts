import { useEffect, useState } from 'react';
import { ApiError, gql } from './api.js';
import { MAY_COORDINATE } from './operations.js';
import { session } from './session.js';

/** Asked once per credential: the answer does not change while signed in with it. */
const answers = new Map<string, Promise<boolean>>();

/**
 * Whether the signed-in caller may open, work and close recalls (RECALL_COORDINATOR or ADMIN), for
 * the page to offer those controls only to them. Anything but FORBIDDEN counts as yes: the API
 * checks the role of every write anyway.
 */
function mayCoordinate(): Promise<boolean> {
  const credential = session.get() ?? '';
  let answer = answers.get(credential);
  if (!answer) {
    answer = gql(MAY_COORDINATE).then(() => true, (err) => !(err instanceof ApiError && err.code === 'FORBIDDEN'));
    answers.set(credential, answer);
  }
  return answer;
}

/** false until known. */
export function useMayCoordinate(): boolean {
  const [may, setMay] = useState(false);
  useEffect(() => {
    let live = true;
    void mayCoordinate().then((m) => live && setMay(m));
    return () => {
      live = false;
    };
  }, []);
  return may;
}
