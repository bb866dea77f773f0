/**
 * Bangladesh's 64 districts (জেলা) in its 8 divisions, with Bengali and English names, from one
 * data file. A complaint names its delivery district by id; escalations carry it as the `district`
 * attribute regulators filter on, and a delivery inside the merchant's own district has the
 * shorter same-city delivery window.
 */
import * as z from 'zod';
import data from './districts.json';

const bilingual = z.strictObject({ bn: z.string().min(1), en: z.string().min(1) });
const districtFile = z.strictObject({
  divisions: z.array(z.strictObject({ id: z.string().regex(/^[a-z][a-z-]+$/), name: bilingual })).length(8),
  districts: z
    .array(z.strictObject({ id: z.string().regex(/^[a-z][a-z-]+$/), division: z.string(), name: bilingual }))
    .length(64),
});

export const districtConfig = districtFile.parse(data);
export type District = (typeof districtConfig.districts)[number];

export const districtIds = districtConfig.districts.map((district) => district.id) as [string, ...string[]];

export const findDistrict = (id: string): District | undefined =>
  districtConfig.districts.find((district) => district.id === id);

/** A district id, with a message that says where the list is. */
export const districtField = z.enum(districtIds, {
  error: 'must be one of the 64 district ids listed by GET /v1/categories (districts)',
});
