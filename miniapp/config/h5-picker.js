// Taro's H5 <Picker> (the Stencil date/time/selector picker, ~6 KB brotli with its column group) as a module of
// its own: config/index.ts serves every other component from Taro's library and this one from here, so it
// loads with the pages that show a picker instead of with the home tab (which has none).
import { createReactComponent } from '@tarojs/components/lib/react/react-component-lib/createComponent.js';
import { manipulatePropsFunction } from '@tarojs/components/lib/react/helper.js';
import { defineCustomElement } from '@tarojs/components/dist/components/taro-picker-core.js';

export const Picker = /*@__PURE__*/ createReactComponent('taro-picker-core', undefined, manipulatePropsFunction, defineCustomElement);
