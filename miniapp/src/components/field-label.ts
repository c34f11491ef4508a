import { createContext } from 'react';

/**
 * The label of the FormField around a text field: ui.ts's Input takes it as its accessible name (aria-label), so a
 * field needs no placeholder to be named (NutUI's stock 「请输入内容」 named it before and told a rider nothing).
 */
export const FieldLabelContext = createContext<string | undefined>(undefined);
