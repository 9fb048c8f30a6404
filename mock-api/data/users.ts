import { createRandom } from '../random';

export type UserStatus = 'active' | 'inactive';

export interface User {
  id: number;
  name: string;
  username: string;
  email: string;
  status: UserStatus;
  created_at: string;
}

/** How many users every run starts with: three pages at the default `per_page` of 20, and some. */
export const SEED_USER_COUNT = 64;

/**
 * The data set is generated from this fixed seed, not from a run's seed, so lesson text can quote
 * users (the source lesson reads `/users/42`) and every run starts from the same people.
 */
const DATA_SEED = 20240143;

const firstNames = [
  'Ada',
  'Alan',
  'Amara',
  'Anika',
  'Bruno',
  'Carmen',
  'Chen',
  'Dara',
  'Diego',
  'Elena',
  'Emeka',
  'Farah',
  'Grace',
  'Hana',
  'Hugo',
  'Ines',
  'Ivan',
  'Jonas',
  'Kai',
  'Kemal',
  'Lena',
  'Leila',
  'Luca',
  'Maya',
  'Mateo',
  'Nadia',
  'Noah',
  'Olga',
  'Omar',
  'Priya',
  'Quinn',
  'Ravi',
  'Rosa',
  'Sami',
  'Sofia',
  'Tariq',
  'Tomas',
  'Uma',
  'Yuki',
  'Zoe',
] as const;

const lastNames = [
  'Abe',
  'Alvarez',
  'Bakker',
  'Banerjee',
  'Costa',
  'Dubois',
  'Eriksen',
  'Fischer',
  'Garcia',
  'Haddad',
  'Ivanova',
  'Jensen',
  'Kim',
  'Kowalski',
  'Larsen',
  'Lopez',
  'Mensah',
  'Moreau',
  'Nakamura',
  'Novak',
  'Okafor',
  'Patel',
  'Quispe',
  'Rossi',
  'Santos',
  'Schmidt',
  'Silva',
  'Tanaka',
  'Torres',
  'Varga',
  'Weber',
  'Yilmaz',
] as const;

function generateUsers(): User[] {
  const random = createRandom(DATA_SEED);
  const taken = new Set<string>();
  const users: User[] = [];
  // Sign-ups spread over 2023, in id order, like a real table with an auto-increment key.
  let signedUpAt = Date.UTC(2023, 0, 3, 9, 0, 0);
  for (let id = 1; id <= SEED_USER_COUNT; id++) {
    let first: string;
    let last: string;
    do {
      first = random.pick(firstNames);
      last = random.pick(lastNames);
    } while (taken.has(`${first} ${last}`));
    taken.add(`${first} ${last}`);
    const handle = `${first}.${last}`.toLowerCase();
    signedUpAt += random.int(2, 9) * 86_400_000 + random.int(0, 86_399) * 1000;
    users.push({
      id,
      name: `${first} ${last}`,
      username: handle.replace('.', '_'),
      email: `${handle}@example.com`,
      status: random.next() < 0.8 ? 'active' : 'inactive',
      created_at: new Date(signedUpAt).toISOString().replace('.000Z', 'Z'),
    });
  }
  return users;
}

/** The users every run starts with. Frozen: runs copy it into their own state before changing it. */
export const seedUsers: readonly Readonly<User>[] = Object.freeze(
  generateUsers().map((user) => Object.freeze(user)),
);
