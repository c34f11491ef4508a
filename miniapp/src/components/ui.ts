// NutUI components, one by one, each with its own stylesheet (the global one is 234 KB).
// Button first: pages that import only ui-button then see its CSS in the same order as everyone else.
import { createElement, type ComponentProps } from 'react';
import NutInput from '@nutui/nutui-react-taro/dist/es/packages/input';
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css';
import './ui-input.scss';

export { Button } from './ui-button';

export type InputProps = ComponentProps<typeof NutInput>;

/**
 * NutUI's Input without its stock placeholder: left unset it shows 「请输入内容」, which tells a rider nothing
 * the label above has not said. Give a placeholder that helps (an example) or none. ui-input.scss makes the
 * native field fill the whole ≥ 44px row, so a tap anywhere on it focuses the field.
 */
export function Input(props: InputProps) {
  return createElement(NutInput, { ...props, placeholder: props.placeholder ?? '' });
}
