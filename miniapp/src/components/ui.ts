// NutUI components, one by one, each with its own stylesheet (the global one is 234 KB).
// Button first: pages that import only ui-button then see its CSS in the same order as everyone else.
export { Button } from './ui-button';
import { createElement, useContext, type ComponentProps } from 'react';
import NutInput from '@nutui/nutui-react-taro/dist/es/packages/input';
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css';
// After NutUI's own: the native field fills the whole ≥ 44px row, so a tap anywhere on it focuses the field.
import './ui-input.scss';
import { FieldLabelContext } from './field-label';

export type InputProps = ComponentProps<typeof NutInput> & { 'aria-label'?: string; nativeProps?: Record<string, unknown> };

/**
 * NutUI's Input, named and without its stock placeholder. Left unset, NutUI shows 「请输入内容」, which tells a rider
 * nothing the label above has not said: a field shows its own placeholder (an example) or none. Its accessible name
 * is its own `aria-label` or the label of the FormField around it. On H5 Taro's <taro-input-core> keeps attributes
 * on itself, so the name also goes to the native <input> through `nativeProps` (axe's 'label' rule reads that one).
 */
export function Input(props: InputProps) {
  const fieldLabel = useContext(FieldLabelContext);
  const name = props['aria-label'] ?? fieldLabel;
  const named = name
    ? { 'aria-label': name, ...(process.env.TARO_ENV === 'h5' ? { nativeProps: { ...props.nativeProps, 'aria-label': name } } : {}) }
    : {};
  return createElement(NutInput, { ...props, placeholder: props.placeholder ?? '', ...named } as ComponentProps<typeof NutInput>);
}
