/**
 * Whether the reader's connection invites downloads they have not asked for yet (the editor ahead
 * of a click, the course for offline use). Browsers without the Network Information API say nothing:
 * then it does.
 */
export interface NetworkInformation {
  saveData?: boolean;
  effectiveType?: string;
  type?: string;
}

export function connectionAllowsPrefetch(
  connection: NetworkInformation | undefined = (
    navigator as Navigator & { connection?: NetworkInformation }
  ).connection,
): boolean {
  if (!connection) return true;
  return (
    !connection.saveData &&
    !/(^|-)2g$/.test(connection.effectiveType ?? '') &&
    connection.type !== 'cellular'
  );
}
