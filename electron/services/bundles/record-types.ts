import type { z } from 'zod';
import { registrationRecordSchema } from '../registration/record';

/** Every record type a bundle may carry, with the schema it must pass on import. */
export const recordSchemas: Record<string, z.ZodType> = {
  registration: registrationRecordSchema,
};
