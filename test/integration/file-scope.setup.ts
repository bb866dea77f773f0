/**
 * Each integration file owns the local cloud while it runs (files run one at a time). Before it:
 * learn where the cloud's clock stands, so forms can be dated by it (see localDate). After it: stop
 * what it left waiting and disarm its faults (see endOfFile), so no later file pays for them.
 */
import { afterAll, beforeAll } from 'vitest';
import { endOfFile, syncClock } from './http';

beforeAll(syncClock);
afterAll(endOfFile);
