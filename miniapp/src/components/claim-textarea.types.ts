/** Both platform variants (claim-textarea.weapp.tsx / claim-textarea.h5.tsx) take these props. */
export interface ClaimTextareaProps {
  name: string;
  value: string;
  onChange: (value: string) => void;
  maxLength: number;
  placeholder?: string;
  /** Rows of text visible before it scrolls. */
  rows?: number;
}
