export interface ScanButtonProps {
  label: string;
  /** The scanned text: a mini-program code's path when there is one, else the code's content. */
  onScanned: (text: string) => void;
  onError?: (message: string) => void;
  testId: string;
}
