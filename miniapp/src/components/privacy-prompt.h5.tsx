/** H5 has no platform privacy gate: the notice is linked from 我的 and the login page instead. */
export function PrivacyPrompt() {
  return null;
}
