/**
 * The acquisition channel of a page view: one of {@link CHANNELS}, from the
 * kind of service its source is and its `utm_medium` and `utm_campaign`.
 *
 * The rules follow the ones Plausible and Google Analytics 4 publish, in this
 * order (the first that holds wins), folded into the collector's twelve
 * channels: GA4's Cross-network, Paid Shopping and Paid Video are Paid Other;
 * Organic Shopping, Audio, SMS and Mobile Push Notifications are Referral when
 * the visit has a source, else Direct.
 * @packageDocumentation
 */

import type { ServiceCategory } from './referrer-list.js';
import type { Channel } from './types.js';

/** What the channel is decided from; text in lower case. */
export interface ChannelSignals {
  /** Kind of service the source is (the tagged `utm_source` when there is one, else the referrer), or null. */
  category: ServiceCategory | null;
  /** `utm_source` names an ad (`facebook_ads`, `adwords`). */
  paidSource: boolean;
  /** `utm_source`, lower case, or ''. */
  utmSource: string;
  /** `utm_medium`, lower case, or ''. */
  medium: string;
  /** `utm_campaign`, lower case, or ''. */
  campaign: string;
  /** The page view has a source (not `Direct / None`). */
  hasSource: boolean;
}

const DISPLAY_MEDIA = new Set(['display', 'banner', 'expandable', 'interstitial', 'cpm']);
const SOCIAL_MEDIA = new Set(['social', 'social-network', 'social-media', 'sm', 'social network', 'social media']);
const REFERRAL_MEDIA = new Set(['referral', 'app', 'link']);
const AFFILIATE_MEDIA = new Set(['affiliate', 'affiliates']);
const EMAIL_WORDS = ['email', 'e-mail', 'e_mail', 'e mail', 'newsletter'];

/** A medium that says the click was bought: cost-per-something (`cpc`, `cpv`), `ppc`, `retargeting`, `paid…`. */
function isPaidMedium(medium: string): boolean {
  return medium.includes('cp') || medium === 'ppc' || medium === 'retargeting' || medium.startsWith('paid');
}

/** The channel for these signals. */
export function channelOf(signals: ChannelSignals): Channel {
  const { category, medium, campaign, utmSource } = signals;
  const paid = isPaidMedium(medium) || signals.paidSource;
  if (campaign.includes('cross-network')) return 'Paid Other';
  if (category === 'search' && paid) return 'Paid Search';
  if (category === 'social' && paid) return 'Paid Social';
  if (category === 'video' && paid) return 'Paid Other';
  if (DISPLAY_MEDIA.has(medium)) return 'Display';
  if (isPaidMedium(medium)) return 'Paid Other';
  if (category === 'social' || SOCIAL_MEDIA.has(medium)) return 'Organic Social';
  if (category === 'video' || medium.includes('video')) return 'Organic Video';
  if (category === 'ai') return 'AI Assistants';
  if (category === 'search') return 'Organic Search';
  if (category === 'email' || EMAIL_WORDS.some((word) => utmSource.includes(word) || medium.includes(word))) return 'Email';
  if (AFFILIATE_MEDIA.has(medium)) return 'Affiliates';
  if (signals.hasSource || REFERRAL_MEDIA.has(medium)) return 'Referral';
  return 'Direct';
}
