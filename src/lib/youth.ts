/** Youth (青年) = age ≤ youthAge in the given year (the campaign's year; default 35). */
export const isYouth = (birthYear: number | null | undefined, year: number, youthAge = 35): boolean =>
  birthYear != null && year - birthYear <= youthAge;

/** The calendar year in Asia/Shanghai, where the organisations using Jiebang count their years. */
export const shanghaiYear = (d: Date): number => Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(d));
