/** Before each integration file: learn where the local cloud's clock stands, so forms can be dated by it (see localDate). */
import { beforeAll } from 'vitest';
import { syncClock } from './http';

beforeAll(syncClock);
