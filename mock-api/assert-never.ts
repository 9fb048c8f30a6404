/**
 * Closes a `switch` over a union: adding a member is then a compile error wherever it is not handled.
 * (mock-api imports nothing from src/, so it keeps its own copy of this one-liner.)
 */
export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
