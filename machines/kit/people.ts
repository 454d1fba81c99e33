/** A person as a machine knows them: enough to name them and to find them again. */
export interface PersonRef {
  id: number;
  name: string;
}

/** A person sending an event, with their roles, so guards can say who may take a step. */
export interface ActingPerson extends PersonRef {
  roles: string[];
}

/** Who acted, as the record keeps them (their roles are not part of the record). */
export const personOf = (by: ActingPerson): PersonRef => ({ id: by.id, name: by.name });

export const hasRole = (by: ActingPerson, role: string) => by.roles.includes(role);

const nameList = new Intl.ListFormat("en-GB", { style: "long", type: "conjunction" });

const choiceList = new Intl.ListFormat("en-GB", { style: "long", type: "disjunction" });

/** "Owen Price", "Owen Price and Jo Lee", "Owen Price, Jo Lee and Sam Patel". */
export const listOfNames = (names: readonly string[]): string => nameList.format(names);

/** "Owen Price", "Owen Price or Jo Lee", "Owen Price, Jo Lee or Sam Patel": any one of them may act. */
export const anyOfNames = (names: readonly string[]): string => choiceList.format(names);

/** "Owen Price is away", "Owen Price and Jo Lee are away": the people away, as a clause. */
export const areAway = (people: readonly PersonRef[], when = ""): string =>
  `${listOfNames(people.map((person) => person.name))} ${people.length === 1 ? "is" : "are"} away${when ? ` ${when}` : ""}`;
