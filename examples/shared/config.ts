/**
 * The configuration every example starts consent-gate with: the default
 * categories plus `marketing`, which gates the embedded video.
 */
import type { ConsentGateConfig } from 'consent-gate';

export const CONFIG: ConsentGateConfig = {
  policyUrl: '/privacy',
  categories: {
    necessary: { label: 'Necessary', description: 'Needed for the site to work.', required: true },
    analytics: { label: 'Analytics', description: 'Anonymous statistics that help us improve.' },
    marketing: { label: 'Marketing', description: 'Embedded videos from our video host.' },
  },
};
