/** H5 has no platform privacy gate: the notice is linked from 我的 and the login page instead. */
export type PrivacyPurpose = 'location' | 'photos';

export interface PrivacyPromptProps {
  /** Same props as on weapp, so pages type-check on both builds. */
  purpose?: PrivacyPurpose;
}

export function PrivacyPrompt(_props: PrivacyPromptProps = {}) {
  return null;
}
