import { z } from 'zod';

/** A Discord id (snowflake) as Discord sends it: 17 to 20 digits. */
export const SnowflakeSchema = z.string().regex(/^\d{17,20}$/, 'must be a Discord id');
