// NutUI's Button alone with its stylesheet: pages that need no text input (the home tab) skip Input's code and CSS.
import Button from '@nutui/nutui-react-taro/dist/es/packages/button';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';

export { Button };
