/** English words for the setup feature (filled in by that feature). */
export const setup = {} as const;
