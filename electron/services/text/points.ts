/**
 * Points as the scoring tables write them: steps of 0,25 or 0,5, so a value carries at most two
 * decimals and every sum is kept exact in hundredths (0,25 + 0,5 + 1,75 is 2,5, never 2,4999…).
 * Shared by the services and the screens, so a score reads the same on screen and on paper.
 */
export const cents = (points: number) => Math.round(points * 100);
export const fromCents = (c: number) => c / 100;
export const hasTwoDecimals = (n: number) => Math.abs(cents(n) - n * 100) < 1e-6;

/** "1,5", "0,25", "180": points as a Vietnamese reader writes them. */
export function formatPoints(points: number): string {
  return String(fromCents(cents(points))).replace('.', ',');
}

/** What a person types ("1,5", "1.5", " 2 ") as points, or null when it is not a number. */
export function parsePoints(typed: string): number | null {
  const s = typed.trim().replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(s)) return null;
  return Number(s);
}
