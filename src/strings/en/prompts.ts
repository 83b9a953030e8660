/** English words for the prompts feature (filled in by that feature). */
export const prompts = {} as const;
