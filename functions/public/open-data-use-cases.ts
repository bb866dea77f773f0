/**
 * Builds the open-data files by complaint (functions/domain/open-data.ts): for each month, one pass
 * over its rows, group by group, writes the CSV and the JSON with the districts withheld where
 * fewer than 5 complaints share merchant, category and district. Memory holds a group's first 4
 * rows and one part of each file, not the month: a million complaints are built as ten are.
 */
import {
  csvHeaderRow,
  csvRow,
  isPublishable,
  jsonEnd,
  jsonRow,
  monthsToRebuild,
  openDataDictionary,
  openDataPaths,
  publishedRows,
  withMonth,
  type PublishedMonth,
} from '../domain/open-data';
import type { Clock } from '../domain/clock';
import { InvalidRequestError } from '../domain/errors';
import type { FileSink, OpenDataFiles, OpenDataRows } from '../domain/ports';

export interface OpenDataBuild {
  built: PublishedMonth[];
  /** Months not reached in the run's time: the next run builds them. */
  left: string[];
}

export const buildOpenDataUseCase = (deps: { rows: OpenDataRows; files: OpenDataFiles; clock: Clock }) => {
  const buildMonth = async (month: string): Promise<PublishedMonth> => {
    const csvPath = openDataPaths.file(month, 'csv');
    const jsonPath = openDataPaths.file(month, 'json');
    const csv = deps.files.create(csvPath, 'text/csv; charset=utf-8');
    const json = deps.files.create(jsonPath, 'application/json; charset=utf-8');
    const sinks: FileSink[] = [csv, json];
    try {
      await csv.write(csvHeaderRow());
      let rows = 0;
      let districtsWithheld = 0;
      for await (const { row, withheld } of publishedRows(deps.rows.rowsOf(month))) {
        if (withheld) districtsWithheld++;
        await csv.write(csvRow(row));
        await json.write(jsonRow(row, rows === 0));
        rows++;
      }
      await json.write(jsonEnd(rows));
      const csvBytes = await csv.finish();
      const jsonBytes = await json.finish();
      return {
        month,
        rows,
        districtsWithheld,
        builtAt: deps.clock.now().toISOString(),
        csv: { path: `/${csvPath}`, bytes: csvBytes },
        json: { path: `/${jsonPath}`, bytes: jsonBytes },
      };
    } catch (error) {
      await Promise.allSettled(sinks.map((sink) => sink.abort()));
      throw error;
    }
  };

  /** Builds the given months (by default the last ended ones), while `hasTime()`; then the index and the dictionary. */
  return async (hasTime: () => boolean, months?: readonly string[]): Promise<OpenDataBuild> => {
    const now = deps.clock.now();
    const early = (months ?? []).filter((month) => !isPublishable(month, now));
    // A month whose deadlines may still run would be published with outcomes that tell when in it a complaint came.
    if (early.length > 0)
      throw new InvalidRequestError(
        `Too early to publish ${early.join(', ')}: a month is first built a month after it ends.`,
        {
          months: `at most ${monthsToRebuild(now)[0]}`,
        },
      );
    const wanted = months ?? monthsToRebuild(now);
    const built: PublishedMonth[] = [];
    const left: string[] = [];
    for (const month of wanted) {
      if (!hasTime()) left.push(month);
      else built.push(await buildMonth(month));
    }
    await deps.files.writeJson(openDataPaths.dictionary, openDataDictionary);
    let index = await deps.files.readIndex(openDataPaths.index);
    for (const month of built) index = withMonth(index, month);
    if (index) await deps.files.writeJson(openDataPaths.index, index);
    return { built, left };
  };
};
