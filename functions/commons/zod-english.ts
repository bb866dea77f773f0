/**
 * zod's English messages, which the API's field errors and configuration errors carry. zod sets
 * them when its whole namespace loads; the functions import `* as z` so esbuild keeps only the
 * parts they use (about 50 KB instead of 250 KB, most of it the 40 other locales), and that leaves
 * the messages to be set here. Imported by every module that turns a zod error into words.
 */
import * as z from 'zod';
import { en } from 'zod/locales';

z.config(en());
