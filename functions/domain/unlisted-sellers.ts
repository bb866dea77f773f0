/**
 * Reports against sellers not on CCMS: a Facebook page, a website, a phone number or a bKash or
 * Nagad merchant number that sold to a consumer and did wrong. A verified consumer reports one
 * (the same identity check as filing); the reports are matched on each identifier, normalized
 * (`normalizedIdentifier`), so "https://www.facebook.com/ShopName/" and "fb.com/shopname" are one
 * seller, and 01712-345678 is +8801712345678 whether it was given as a phone or a bKash number. The
 * regulators see the sellers ranked by how many consumers reported them, with the onboarding
 * action. Nothing about an unlisted seller is public: it has no right of reply here.
 */
import * as z from 'zod';
import { categoryIds } from './categories';
import { InvalidRequestError } from './errors';
import { normalizeBangladeshiMobile } from './phone';
import { freeText, takaAmount } from './text';

export const identifierKinds = ['FACEBOOK', 'WEBSITE', 'PHONE', 'BKASH', 'NAGAD'] as const;
export type IdentifierKind = (typeof identifierKinds)[number];

export const unlistedSellerLimits = {
  /** Identifiers one report may give. */
  identifiers: 4,
  /** Reports one consumer may make in a Dhaka day. */
  reportsPerDay: 5,
  /** The seller names kept with a seller, as consumers gave them. */
  namesKept: 10,
  /** Identifiers seen with a seller in the same report, kept to link them. */
  linkedKept: 20,
} as const;

export const unlistedSellerReportRequest = z.strictObject({
  sellerName: freeText({ max: 120, minVisible: 2, what: 'The seller’s name' }),
  identifiers: z
    .array(z.strictObject({ kind: z.enum(identifierKinds), value: z.string().min(1).max(300) }))
    .min(1)
    .max(unlistedSellerLimits.identifiers),
  category: z.enum(categoryIds, { error: `must be one of ${categoryIds.join(', ')}` }),
  description: freeText({ max: 2000, minVisible: 10, what: 'What happened' }),
  amount: takaAmount({ max: 10_000_000, min: 1 }).optional(),
});
export type UnlistedSellerReportRequest = z.infer<typeof unlistedSellerReportRequest>;

/** An identifier as matched: its key (`FB:`, `WEB:` or `MOBILE:` and the normalized value), and the kind it was given as. */
export interface SellerIdentifier {
  key: string;
  kind: IdentifierKind;
}

const facebookHosts = new Set([
  'facebook.com',
  'fb.com',
  'fb.me',
  'm.facebook.com',
  'web.facebook.com',
  'mbasic.facebook.com',
  'free.facebook.com',
  'business.facebook.com',
  'l.facebook.com',
]);

/** Facebook paths that are not a page of their own: a post, a group, a share or redirect link, a search. */
const notAPage = new Set([
  'share',
  'sharer',
  'sharer.php',
  'groups',
  'story.php',
  'permalink.php',
  'photo.php',
  'photo',
  'photos',
  'watch',
  'reel',
  'reels',
  'marketplace',
  'events',
  'hashtag',
  'l.php',
  'login',
  'dialog',
  'plugins',
  'search',
  'stories',
  'posts',
  'videos',
  'profile.php',
]);

const urlOf = (typed: string) => {
  const trimmed = typed.trim();
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
  } catch {
    return undefined;
  }
};

const hostOf = (url: URL) =>
  url.hostname
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/^www\./, '');

const refuse = (kind: IdentifierKind, message: string): never => {
  throw new InvalidRequestError(`${kind}: ${message}`, { identifiers: `${kind}: ${message}` });
};

const pageName = /^[\p{L}\p{M}\p{N}._-]{2,100}$/u;
const pageNeeded =
  'Give the Facebook page’s own link (facebook.com/<page>) or its name, not a post, group or share link.';

/** A link's path segments, the first `count` or all, decoded; undefined where an escape cannot be (%E0 cut short). */
const pathSegments = (url: URL, count?: number) => {
  try {
    return url.pathname.split('/').filter(Boolean).slice(0, count).map(decodeURIComponent);
  } catch {
    return undefined;
  }
};

/** The number a page link ends in (pages/<name>/<id>, people/<name>/<id>, p/<Name>-<id>). */
const trailingId = (segment: string | undefined) => /(?:^|-)(\d{5,20})$/.exec(segment ?? '')?.[1];

/** A Facebook page by its name or number: from a link (facebook.com/<page>, profile.php?id=, pages/…/<id>) or the name alone. */
const facebookPage = (typed: string) => {
  const bare = typed.trim().replace(/^@/, '');
  // A name alone (dots allowed: rahim.fashion); a link has a slash or a Facebook host.
  const url = bare.includes('/') || facebookHosts.has(bare.toLowerCase().split('/')[0]!) ? urlOf(bare) : undefined;
  if (!url) return pageName.test(bare) ? bare.toLowerCase() : refuse('FACEBOOK', pageNeeded);
  if (!facebookHosts.has(hostOf(url)) || hostOf(url) === 'l.facebook.com') return refuse('FACEBOOK', pageNeeded);
  const segments = pathSegments(url) ?? refuse('FACEBOOK', pageNeeded);
  const [first, second] = segments;
  const page =
    first === 'profile.php'
      ? url.searchParams.get('id')
      : first === 'pages' || first === 'people' || first === 'p'
        ? (trailingId(segments.at(-1)) ?? trailingId(second))
        : first === 'pg'
          ? second
          : first && !notAPage.has(first.toLowerCase())
            ? first
            : undefined;
  return page && pageName.test(page) ? page.toLowerCase() : refuse('FACEBOOK', pageNeeded);
};

/**
 * Hosts where many sellers live, each under its own path: the seller is the host and that path
 * (instagram.com/shop, daraz.com.bd/shop/name), never the host alone, which would merge them all.
 */
const platformPathSegments: Record<string, number> = {
  'instagram.com': 1,
  'wa.me': 1,
  'm.me': 1,
  't.me': 1,
  'linktr.ee': 1,
  'tiktok.com': 1,
  'youtube.com': 1,
  'x.com': 1,
  'twitter.com': 1,
  'pinterest.com': 1,
  'daraz.com.bd': 2,
  'sites.google.com': 2,
  'shop.app': 1,
};

/** A website by its host (scheme, www., path and query do not tell sellers apart), or on a platform by its path there. */
const website = (typed: string) => {
  const url = urlOf(typed);
  const host = url && hostOf(url);
  if (!host || !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host) || host.length > 253)
    return refuse('WEBSITE', 'Give the website’s address, like shop.example.com.');
  if (facebookHosts.has(host)) return refuse('WEBSITE', 'A Facebook page is given as FACEBOOK, not WEBSITE.');
  const segments = platformPathSegments[host];
  if (segments === undefined) return host;
  const path = pathSegments(url, segments)?.map((segment) => segment.toLowerCase());
  if (!path || path.length < segments || path.some((segment) => !pageName.test(segment.replace(/^@/, ''))))
    return refuse('WEBSITE', `Give the seller’s own address on ${host} (${host}/…), not the site alone.`);
  return `${host}/${path.join('/')}`;
};

/**
 * The most UTF-8 bytes a seller's key may hold: within a table key it must leave a page cursor
 * under its 400-byte strings (functions/adapters/page-cursors.ts), and its sellerId (base64url,
 * 480 characters) within sellerIdPattern. 100 characters of Bengali or other scripts can pass it.
 */
export const sellerKeyBytes = 360;

const withinKeyBytes = (identifier: SellerIdentifier) =>
  Buffer.byteLength(identifier.key, 'utf8') <= sellerKeyBytes
    ? identifier
    : refuse(identifier.kind, 'The address is too long to be a seller’s own; give a shorter one.');

/** The identifier as reports are matched on it. Phones, bKash and Nagad numbers are all Bangladeshi mobile numbers. */
export const normalizedIdentifier = (kind: IdentifierKind, value: string): SellerIdentifier => {
  switch (kind) {
    case 'FACEBOOK':
      return withinKeyBytes({ kind, key: `FB:${facebookPage(value)}` });
    case 'WEBSITE':
      return withinKeyBytes({ kind, key: `WEB:${website(value)}` });
    default:
      try {
        return { kind, key: `MOBILE:${normalizeBangladeshiMobile(value)}` };
      } catch {
        return refuse(kind, 'Give a Bangladeshi mobile number, like 01712-345678.');
      }
  }
};

/** The report's identifiers, each once. */
export const identifiersOf = (request: Pick<UnlistedSellerReportRequest, 'identifiers'>): SellerIdentifier[] => {
  const byKey = new Map<string, SellerIdentifier>();
  for (const { kind, value } of request.identifiers) {
    const identifier = normalizedIdentifier(kind, value);
    if (!byKey.has(identifier.key)) byKey.set(identifier.key, identifier);
  }
  return [...byKey.values()];
};

/** A seller's id in paths: its key, base64url (keys hold `:`, `/` and `+`). */
export const sellerIdOf = (key: string) => Buffer.from(key, 'utf8').toString('base64url');
export const sellerIdPattern = /^[A-Za-z0-9_-]{4,600}$/;
export const sellerKeyOf = (sellerId: string): string | undefined => {
  if (!sellerIdPattern.test(sellerId)) return undefined;
  const key = Buffer.from(sellerId, 'base64url').toString('utf8');
  return /^(FB|WEB|MOBILE):./.test(key) && sellerIdOf(key) === sellerId ? key : undefined;
};

export interface UnlistedSellerReport {
  reportId: string;
  /** Absent once erased. */
  consumerId?: string;
  sellerName: string;
  identifiers: SellerIdentifier[];
  category: string;
  /** Erased (empty) at the consumer's request. */
  description: string;
  amount?: number;
  reportedAt: string;
  erasedAt?: string;
}

export const onboardingStatuses = ['INVITED', 'ONBOARDED', 'NOT_REACHABLE'] as const;
export type OnboardingStatus = (typeof onboardingStatuses)[number];

export const onboardingRequest = z
  .strictObject({
    status: z.enum(onboardingStatuses),
    merchantId: z.string().max(64).optional(),
    note: freeText({ max: 500, what: 'The note' }).optional(),
  })
  .refine((request) => (request.status === 'ONBOARDED') === (request.merchantId !== undefined), {
    message: 'A seller ONBOARDED names its merchantId on CCMS; other statuses name none',
    path: ['merchantId'],
  });
export type OnboardingRequest = z.infer<typeof onboardingRequest>;

/** What regulators did to bring the seller onto CCMS (the latest; every step in the seller's `onboardingHistory`). */
export interface Onboarding {
  status: OnboardingStatus;
  merchantId?: string;
  note?: string;
  at: string;
  by: { regulatorId: string; agency: string };
}

/** A seller as the regulators rank it: one identifier and what the reports that named it say. */
export interface UnlistedSeller {
  sellerId: string;
  key: string;
  kinds: IdentifierKind[];
  /** Consumers who reported it (each once). */
  reports: number;
  firstReportedAt: string;
  lastReportedAt: string;
  names: string[];
  /** Other identifiers named in the same reports (likely the same seller), each with its own sellerId. */
  linked: { key: string; sellerId: string }[];
  onboarding?: Onboarding;
  /** Every onboarding step recorded, newest first (the latest 20). */
  onboardingHistory: Onboarding[];
}

export const reportIdPattern = /^[0-9a-f]{32}$/;
export const newReportId = (randomBytes: Uint8Array) => Buffer.from(randomBytes).toString('hex');
