import type { ScanButtonProps } from './scan-button.types';

/** A web page cannot open the camera scanner: H5 users type or paste the code instead. */
export function ScanButton(_props: ScanButtonProps) {
  return null;
}
