/**
 * `npm run test:load:smoke` (CI) runs every load test once with small numbers, so none can rot;
 * `npm run test:load` runs them at full size.
 */
export const smoke = process.env.CCMS_LOAD_SMOKE === '1';

/** The full size, or the smoke's. */
export const sized = <T>(full: T, small: T): T => (smoke ? small : full);
