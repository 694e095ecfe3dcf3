/**
 * Python's `round(x, digits)`: the exact binary value rounded to the nearest decimal, exact ties to even.
 * `toFixed` already rounds the exact binary value but breaks ties away from zero. An exact tie at d
 * decimals means x = m / 2^(d+1) with m odd (the 5^d of 10^d must cancel), and multiplying by a power of
 * two is exact, so ties are detected without any decimal expansion and moved to the even neighbour.
 */
export function pythonRound(x: number, digits = 0): number {
  if (!Number.isInteger(digits) || digits < 0 || digits > 20) {
    throw new RangeError('digits must be an integer in 0 … 20');
  }
  if (!Number.isFinite(x) || Math.abs(x) >= 1e21) return x;
  const awayFromZero = Math.abs(x).toFixed(digits);
  const scaled = x * 2 ** (digits + 1);
  const isTie = Number.isInteger(scaled) && Math.abs(scaled) % 2 === 1;
  const lastDigit = Number(awayFromZero.at(-1));
  // On an exact tie with an odd last digit, step back toward zero to the even neighbour.
  const magnitude =
    isTie && lastDigit % 2 === 1
      ? Number((Number(awayFromZero) - 10 ** -digits).toFixed(digits))
      : Number(awayFromZero);
  return x < 0 || Object.is(x, -0) ? -magnitude : magnitude;
}
