export async function getUserName(id: number): Promise<string> {
  const response = await fetch(`https://api.example.com/users/${id}`, {
    signal: AbortSignal.timeout(5_000),
  });
  if (!response.ok) {
    throw new Error(`GET /users/${id} failed: ${response.status} ${response.statusText}`);
  }
  const user = (await response.json()) as { name: string };
  return user.name;
}
