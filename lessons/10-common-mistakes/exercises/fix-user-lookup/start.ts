// Exercise: fix-user-lookup. This works on a laptop and has three mistakes: fix them.
// Keep the export and its signature: the checks call getUserName(id).

/** The name of user `id`, from the course's API. */
export async function getUserName(id: number): Promise<string> {
  const response = await fetch(`http://api.example.com/users/${id}`);
  const user = await response.json();
  return user.name;
}
