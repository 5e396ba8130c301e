import { useEffect, useState } from 'react';
import { gql } from './api.js';
import { type Role, VIEWER } from './operations.js';
import { session } from './session.js';

/** Asked once per credential: the answer does not change while signed in with it. */
const answers = new Map<string, Promise<Role[]>>();

/** The signed-in caller's roles (Query.viewer); none when they cannot be read, so the page offers only reading. */
function rolesOfCaller(): Promise<Role[]> {
  const credential = session.get() ?? '';
  let answer = answers.get(credential);
  if (!answer) {
    answer = gql(VIEWER, {}).then((d) => d.viewer.roles, () => {
      // Asked again next time: a failure (the API unreachable) says nothing about the roles.
      answers.delete(credential);
      return [];
    });
    answers.set(credential, answer);
  }
  return answer;
}

/** Who may open, work and close recalls: docs/DOMAIN.md's role table. The API checks every write anyway. */
const COORDINATORS: readonly Role[] = ['RECALL_COORDINATOR', 'ADMIN'];

/** Whether the signed-in caller may coordinate recalls, for the page to offer those controls only to them; false until known. */
export function useMayCoordinate(): boolean {
  const [may, setMay] = useState(false);
  useEffect(() => {
    let live = true;
    void rolesOfCaller().then((roles) => live && setMay(roles.some((r) => COORDINATORS.includes(r))));
    return () => {
      live = false;
    };
  }, []);
  return may;
}
