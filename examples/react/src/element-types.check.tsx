/**
 * Type checks only (never rendered): the JSX types of the two elements that
 * consent-gate/react declares are precise, not `any`.
 */
import type { ConsentState } from 'consent-gate';
import { useConsent } from 'consent-gate/react';
import 'consent-gate/react';

export function ElementTypes() {
  const state: ConsentState | null = useConsent();
  return (
    <>
      <consent-banner mode="banner" layout="box" theme="dark" policyUrl="/privacy" />
      <consent-preferences open theme="auto" choices={{ analytics: state?.categories['analytics'] ?? false }} />
      {/* @ts-expect-error: not a layout */}
      <consent-banner layout="sideways" />
      {/* @ts-expect-error: `open` is a boolean */}
      <consent-preferences open="yes" />
      {/* @ts-expect-error: no such property */}
      <consent-banner colour="red" />
    </>
  );
}
