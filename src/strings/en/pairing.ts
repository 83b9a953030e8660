/** English words for the pairing feature (filled in by that feature). */
export const pairing = {} as const;
