/**
 * Cleanup must not hide the result already measured, but a failed cleanup is still an error: it is
 * printed and makes the exit code non-zero.
 */
export function reportCleanupError(what: string): (error: unknown) => void {
  return (error: unknown) => {
    console.error(`cleanup failed (${what}):`, error);
    process.exitCode = 1;
  };
}
