// NutUI components, one by one, each with its own stylesheet (the global one is 234 KB).
import Input from '@nutui/nutui-react-taro/dist/es/packages/input';
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css';

export { Button } from './ui-button';
export { Input };
