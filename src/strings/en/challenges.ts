/** English words for the challenges feature (filled in by that feature). */
export const challenges = {} as const;
