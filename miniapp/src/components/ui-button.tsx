// NutUI's Button alone with its stylesheet: pages that need no text input (the home tab) skip Input's code and CSS.
import { forwardRef, type ComponentProps, type ElementRef } from 'react';
import NutButton from '@nutui/nutui-react-taro/dist/es/packages/button';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';

type ButtonProps = ComponentProps<typeof NutButton>;

/**
 * NutUI's Button saying when it is disabled: on H5 it is not a native <button>, so without aria-disabled a screen
 * reader offers a dead control and accessibility checks read its faded label as text failing contrast.
 */
export const Button = forwardRef<ElementRef<typeof NutButton>, ButtonProps>(function Button(props, ref) {
  return <NutButton ref={ref} aria-disabled={props.disabled ? true : undefined} {...props} />;
});
