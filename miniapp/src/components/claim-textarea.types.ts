/** Both platform variants (claim-textarea.weapp.tsx / claim-textarea.h5.tsx) take these props. */
export interface ClaimTextareaProps {
  name: string;
  value: string;
  onChange: (value: string) => void;
  maxLength: number;
  placeholder?: string;
  /** What a screen reader calls the field when it has no placeholder (the visible label sits beside it). */
  label?: string;
  /** Rows of text visible before it scrolls. */
  rows?: number;
}
