// NutUI components, one by one, each with its own stylesheet (the global one is 234 KB).
// Button first: pages that import only ui-button then see its CSS in the same order as everyone else.
export { Button } from './ui-button';
import Input from '@nutui/nutui-react-taro/dist/es/packages/input';
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css';
// After NutUI's own: the native field fills the whole ≥ 44px row, so a tap anywhere on it focuses the field.
import './ui-input.scss';

export { Input };
