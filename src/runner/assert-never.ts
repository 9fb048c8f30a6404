/** Closes a `switch` over a union: adding a member is then a compile error wherever it is not handled. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
