// `@tarojs/taro` for tests: Taro's H5 platform runtime APIs plus the React page hooks, wired the
// way the H5 build wires them (it rewrites `Taro.x` into named imports of these same functions and
// the React plugin attaches the hooks). Nothing here is a fake.
import React from 'react';
import ReactDOM from 'react-dom';
import * as hooks from '@tarojs/plugin-framework-react/dist/runtime';
import * as h5 from '@tarojs/plugin-platform-h5/dist/runtime/apis/index.js';

export * from '@tarojs/plugin-platform-h5/dist/runtime/apis/index.js';
export {
  useDidHide,
  useDidShow,
  useLaunch,
  useLoad,
  usePullDownRefresh,
  useReachBottom,
  useReady,
  useRouter,
  useUnload,
} from '@tarojs/plugin-framework-react/dist/runtime';

// What the React plugin does when the app starts: hooks need to know which React they run in.
hooks.createH5NativeComponentConfig(() => null, React, ReactDOM);

const { default: base, ...apis } = h5 as unknown as { default: Record<string, unknown> } & Record<string, unknown>;
const Taro = Object.assign(base, apis, hooks);
export default Taro;
